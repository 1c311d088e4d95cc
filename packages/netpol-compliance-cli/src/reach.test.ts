import { answerQueries, queryProblem } from './commands/reach';
import {
  defaultDenyYaml,
  deploymentYaml,
  docs,
  namespaceYaml,
  webToApiYaml,
} from './__testUtils__/manifests';
import { captureIo, TempDir } from './__testUtils__/testIo';
import { main } from './main';
import { parseManifestText } from './readManifests';

const SHOP = docs(
  namespaceYaml('shop'),
  deploymentYaml('shop', 'web'),
  deploymentYaml('shop', 'api', { name: 'http', port: 8080 }),
  defaultDenyYaml('shop'),
  webToApiYaml('shop'),
  `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
  labels: { app: debug }
spec:
  containers: [{ name: sh, image: busybox }]
status:
  phase: Running
  podIP: 10.0.0.7
`,
);

const web = { namespace: 'shop', workload: 'Deployment/web' };
const api = { namespace: 'shop', workload: 'Deployment/api' };

describe('reach', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
    dir.write('shop.yaml', SHOP);
  });
  afterEach(() => dir.remove());

  it('answers the queries in order, with a named port, and an error for the one it cannot answer', async () => {
    const queries = dir.write(
      'queries.json',
      JSON.stringify({
        queries: [
          { from: web, to: api, port: 'http', protocol: 'TCP' },
          { from: web, to: api, port: 9090 },
          { from: { namespace: 'shop', pod: 'ghost' }, to: api, port: 8080 },
          {
            from: { namespace: 'shop', pod: 'debug' },
            to: { ip: '203.0.113.9' },
            port: 443,
          },
          { from: { ip: '10.0.0.7' }, to: web },
        ],
      }),
    );
    const io = captureIo();
    const code = await main(
      ['reach', dir.path('shop.yaml'), '--queries', queries],
      io,
    );
    expect(code).toBe(1);
    const { results } = JSON.parse(io.stdoutText());
    expect(results).toHaveLength(5);
    expect(results[0]).toMatchObject({
      allowed: true,
      egress: { allowed: true, policies: ['shop/web-to-api'] },
      ingress: { allowed: true, policies: ['shop/api-from-web'] },
      port: { protocol: 'TCP', port: 8080, name: 'http' },
    });
    expect(results[1]).toMatchObject({
      allowed: false,
      egress: { allowed: false },
      ingress: { allowed: false },
    });
    expect(results[2]).toEqual({
      error: 'query 3: pod shop/ghost is not in the snapshot',
    });
    // default-deny isolates debug for egress; the destination is no pod, so its side is not subject to policy.
    expect(results[3]).toMatchObject({
      allowed: false,
      egress: {
        allowed: false,
        isolated: true,
        policies: ['shop/default-deny'],
      },
      ingress: { allowed: true, isolated: false, policies: [] },
    });
    // An IP that is a pod of the manifests is that pod; web is isolated for ingress by default-deny.
    expect(results[4]).toMatchObject({
      allowed: false,
      ingress: { allowed: false, policies: ['shop/default-deny'] },
    });
    expect(io.stderrText()).toBe(
      'error: query 3: pod shop/ghost is not in the snapshot\n',
    );
  });

  it('exits 0 when every query is answered', async () => {
    const io = captureIo({
      stdin: JSON.stringify({ queries: [{ from: web, to: api, port: 8080 }] }),
    });
    expect(await main(['reach', dir.root, '--queries', '-'], io)).toBe(0);
    expect(JSON.parse(io.stdoutText()).results[0].allowed).toBe(true);
    expect(io.stderrText()).toBe('');
  });

  it.each([
    [{ from: web }, 'missing "to"'],
    [
      { from: web, to: { namespace: 'shop' } },
      '"to" must have exactly one of "ip", "pod" or "workload"',
    ],
    [
      { from: web, to: { namespace: 'shop', workload: 'web' } },
      '"to.workload" must be "Kind/name"',
    ],
    [
      { from: web, to: { pod: 'p' } },
      '"to.namespace" must be a non-empty string',
    ],
    [
      { from: { ip: '10.0.0.1', namespace: 'shop' }, to: web },
      'an ip endpoint takes no namespace',
    ],
    [{ from: { ip: 10 }, to: web }, '"from.ip" must be a non-empty string'],
    [
      { from: web, to: api, port: 80.5 },
      '"port" must be a port number or a port name',
    ],
    [
      { from: web, to: api, port: '' },
      '"port" must be a port number or a port name',
    ],
    [
      { from: web, to: api, protocol: 'ICMP' },
      '"protocol" must be one of TCP, UDP, SCTP',
    ],
    ['from web to api', 'a query must be an object'],
  ])('rejects the malformed query %j', (query, message) => {
    expect(queryProblem(query)).toContain(message);
  });

  it('lets the engine judge the rest (unknown endpoints, bad IPs, port range) without stopping', () => {
    const { objects } = parseManifestText(SHOP, 'shop.yaml');
    const output = answerQueries(objects, [
      { from: web, to: { ip: 'not-an-ip' } },
      { from: web, to: api, port: 70000 },
      { from: web, to: { namespace: 'shop', workload: 'StatefulSet/db' } },
      { from: web, to: api, port: 'http', protocol: 'udp' },
      { from: web, to: api },
    ]);
    expect(
      output.results.map(r => ('error' in r ? r.error : r.allowed)),
    ).toEqual([
      'query 1: "not-an-ip" is not an IP address',
      'query 2: port 70000 is out of range 1-65535',
      'query 3: workload shop/StatefulSet/db is not in the snapshot',
      false, // no UDP port named http
      true, // any port: TCP/8080 is allowed on both sides
    ]);
  });

  it.each([
    [
      'an unreadable queries file',
      (d: TempDir) => d.path('none.json'),
      /none\.json: cannot read: no such file or directory/,
    ],
    [
      'a queries file with a syntax error',
      (d: TempDir) => d.write('q.json', '{"queries": [\n  {"from": }\n]}'),
      /q\.json:2:12: JSON syntax error: unexpected "}"/,
    ],
    [
      'a queries file of the wrong shape',
      (d: TempDir) => d.write('q.json', '[{"from": {}}]'),
      /q\.json: expected \{"queries": \[/,
    ],
  ])('exits 2 for %s', async (_name, file, message) => {
    const io = captureIo();
    expect(await main(['reach', dir.root, '--queries', file(dir)], io)).toBe(2);
    expect(io.stderrText()).toMatch(message);
    expect(io.stdoutText()).toBe('');
  });

  it('answers per distinct pod when a workload\'s pods differ, naming them', () => {
    const podYaml = (name: string, track: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: { app: cart, track: ${track} }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: cart-7d9, controller: true }]
spec:
  containers: [{ name: c, image: cart }]
status:
  phase: Running
`;
    const { objects } = parseManifestText(
      docs(
        namespaceYaml('shop'),
        podYaml('cart-a', 'stable'),
        podYaml('cart-b', 'stable'),
        podYaml('cart-c', 'canary'),
        `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: canary-closed, namespace: shop }
spec:
  podSelector: { matchLabels: { track: canary } }
  policyTypes: [Ingress]
`,
      ),
      'cart.yaml',
    );
    const [answer] = answerQueries(objects, [
      {
        from: { namespace: 'shop', pod: 'cart-a' },
        to: { namespace: 'shop', workload: 'ReplicaSet/cart-7d9' },
      },
    ]).results;
    if ('error' in answer) throw new Error(answer.error);
    expect(answer.allowed).toBe(false);
    expect(answer.pods).toEqual({ allowed: 2, total: 3 });
    expect(answer.notes?.[0]).toMatch(/allowed for 2 of 3 pods; allowed for cart-a, cart-b .*; denied for cart-c/);
  });
});
