import {
  defaultDenyYaml,
  deploymentYaml,
  docs,
  namespaceYaml,
} from './__testUtils__/manifests';
import { captureIo, TempDir } from './__testUtils__/testIo';
import { main } from './main';

const WEB_INGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - {}
`;

async function scan(paths: string[], extra: string[] = []) {
  const io = captureIo();
  const code = await main(['scan', ...paths, ...extra], io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe('manifests checked as kubectl apply would', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  it('stops on an invalid NetworkPolicy with file:line, the object and the field path', async () => {
    const file = dir.write(
      'shop.yaml',
      docs(namespaceYaml('shop'), WEB_INGRESS),
    );
    const r = await scan([dir.root]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // The empty peer sits on line 16: the Namespace takes 4 lines, the separator 1.
    expect(r.stderr).toContain(
      `error: ${file}:16:11: NetworkPolicy shop/web-ingress: spec.ingress[0].from[0]: required value: must specify a peer`,
    );
    expect(r.stderr).toContain('nothing was evaluated');
  });

  it.each([
    [
      'cidr /33',
      'ipBlock: {cidr: 10.0.0.0/33}',
      /spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: invalid value "10\.0\.0\.0\/33"/,
    ],
    [
      'an Equals operator',
      'podSelector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}',
      /operator: invalid value "Equals"/,
    ],
  ])('stops on %s', async (_name, peer, expected) => {
    dir.write('p.yaml', WEB_INGRESS.replace('- {}', `- ${peer}`));
    const r = await scan([dir.root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(expected);
  });

  it('stops on a typo that would select every pod (spec.podselector)', async () => {
    const file = dir.write(
      'p.yaml',
      WEB_INGRESS.replace(
        'podSelector: {}',
        'podselector: {matchLabels: {app: web}}',
      ),
    );
    const r = await scan([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}:7:3: NetworkPolicy shop/web-ingress: spec.podselector: unknown field`,
    );
  });

  it('stops on an invalid Cilium policy inside a kind: List, located in the list', async () => {
    const file = dir.write(
      'dump.yaml',
      `apiVersion: v1
kind: List
items:
  - apiVersion: cilium.io/v2
    kind: CiliumNetworkPolicy
    metadata: {name: open, namespace: shop}
    spec:
      endpointSelector: {}
      ingress:
        - fromEntities: [everyone]
`,
    );
    const r = await scan([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}:10:26: CiliumNetworkPolicy shop/open: spec.ingress[0].fromEntities[0]: unsupported value "everyone"`,
    );
  });

  it('refuses the same object in two files, naming both places', async () => {
    const a = dir.write('a.yaml', defaultDenyYaml('shop'));
    const b = dir.write(
      'b/b.yaml',
      docs(namespaceYaml('x'), defaultDenyYaml('shop')),
    );
    const r = await scan([dir.root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error: ${b}:6:1: NetworkPolicy shop/default-deny is declared twice: here and at ${a}:1 (kubectl apply would keep only one)`,
    );
  });

  it('accepts one Namespace declared twice alike, refuses it declared twice differently', async () => {
    dir.write('a.yaml', namespaceYaml('shop'));
    dir.write(
      'b.yaml',
      docs(namespaceYaml('shop'), deploymentYaml('shop', 'web')),
    );
    expect((await scan([dir.root])).code).toBe(1);
    const c = dir.write(
      'c.yaml',
      namespaceYaml('shop').replace(
        'name: shop',
        'name: shop\n  labels: {team: other}',
      ),
    );
    const r = await scan([dir.root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${c}:1:1: Namespace shop is declared twice with different content: here and at ${dir.path(
        'a.yaml',
      )}:1`,
    );
  });

  it('skips documents that are not Kubernetes objects with a warning naming the file, and scans the rest', async () => {
    dir.write(
      'app.yaml',
      docs(namespaceYaml('shop'), deploymentYaml('shop', 'web')),
    );
    const values = dir.write(
      'chart/values.yaml',
      'replicaCount: 2\nimage:\n  tag: "1.0"\n',
    );
    const chart = dir.write(
      'chart/Chart.yaml',
      'apiVersion: v2\nname: web\nversion: 1.0.0\n',
    );
    const kustomization = dir.write(
      'kustomization.yaml',
      'resources:\n  - app.yaml\n',
    );
    const array = dir.write('tool-output.json', '[{"name": "x"}]');
    const r = await scan([dir.root], ['--format', 'json']);
    expect(r.code).toBe(1); // the scan ran: shop fails
    expect(
      JSON.parse(r.stdout).clusters[0].namespaces.map((n: any) => n.namespace),
    ).toEqual(['shop']);
    for (const f of [values, chart, kustomization, array])
      expect(r.stderr).toMatch(
        new RegExp(
          `warning: ${f.replace(
            /[.*+?^${}()|[\]\\/]/g,
            '\\$&',
          )}:1: skipped: not a Kubernetes object`,
        ),
      );
  });

  it('keeps refusing an object that has a kind the engine reads but no apiVersion', async () => {
    const file = dir.write(
      'p.yaml',
      'kind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {}}\n',
    );
    const r = await scan([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}:1:1: NetworkPolicy: apiVersion not set`,
    );
  });

  it('locates an unknown key with control characters (or a [ or a dot) on its own line', async () => {
    const file = dir.write(
      'p.yaml',
      WEB_INGRESS.replace('  ingress:\n', '  "ingres\\e[2J.x[0]":\n'),
    );
    const r = await scan([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:9:3: NetworkPolicy shop/web-ingress: spec.ingres\\x1b[2J.x[0]: unknown field`);
  });

  it.each([
    ['a Deployment whose spec is a string', 'spec: "oops"', 4, 1, 'spec: must be a mapping, not a string'],
    [
      'a Deployment whose containers are not a list',
      'spec: {template: {spec: {containers: "web"}}}',
      4,
      26,
      'spec.template.spec.containers: must be a list, not a string',
    ],
    [
      'a Deployment with a containerPort that is not a number',
      'spec: {template: {spec: {containers: [{name: a, ports: [{containerPort: http}]}]}}}',
      4,
      58,
      'spec.template.spec.containers[0].ports[0].containerPort: must be an integer, not a string',
    ],
  ])('stops on %s, as kubectl apply would, with the field path', async (_name, spec, line, column, problem) => {
    const file = dir.write(
      'x.yaml',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\n${spec}\n`,
    );
    const r = await scan([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: ${file}:${line}:${column}: Deployment shop/d: ${problem}`);
  });

  it('stops on a Pod whose labels are not a mapping, and on a CronJob whose job template is no mapping', async () => {
    dir.write('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: [app]}\n');
    dir.write(
      'cron.yaml',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: shop}\nspec: {jobTemplate: 3}\n',
    );
    const r = await scan([dir.root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Pod shop\/p: metadata\.labels: must be a mapping, not a list/);
    expect(r.stderr).toMatch(/CronJob shop\/c: spec\.jobTemplate: must be a mapping, not an integer/);
  });

  it('never writes a control sequence from the input to the terminal', async () => {
    dir.write(
      'p.yaml',
      WEB_INGRESS.replace(
        '- {}',
        '- {podSelector: {matchLabels: {app: "\\e[2J\\e]0;pwned\\a"}}}',
      ),
    );
    dir.write(
      'q.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: q\n labels: {a: "\u001b[31mred"}\n',
    );
    const r = await scan([dir.root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\u001b[2J');
    expect(r.stderr).toContain('\\x1b[31mred');
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it.each([
    [
      'JSON',
      'deep.json',
      (n: number) =>
        `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cilium-config","namespace":"kube-system"},"data":{"a":${'['.repeat(
          n,
        )}${']'.repeat(n)}}}`,
    ],
    [
      'YAML flow',
      'deep.yaml',
      (n: number) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ${'['.repeat(
          n,
        )}${']'.repeat(n)}\n`,
    ],
    [
      'a Cilium rule',
      'cnp.json',
      (n: number) =>
        `{"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"x","namespace":"a"},"spec":{"endpointSelector":{},"ingress":[{"toPorts":[{"rules":${'['.repeat(
          n,
        )}${']'.repeat(n)}}]}]}}`,
    ],
    ['a YAML alias that contains itself', 'self.yaml', () => '&a [*a]\n'],
  ])(
    'ends absurd nesting (%s) with a clear message',
    async (_name, file, text) => {
      dir.write(file, text(100000));
      const r = await scan([dir.root]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/nested more than 200 levels deep/);
      expect(r.stderr).not.toMatch(/Maximum call stack|internal error/);
    },
  );

  it('refuses invalid input for reach too', async () => {
    dir.write('p.yaml', WEB_INGRESS);
    const queries = dir.write('q.json', '{"queries": []}');
    const io = captureIo();
    expect(
      await main(['reach', dir.path('p.yaml'), '--queries', queries], io),
    ).toBe(2);
    expect(io.stderrText()).toContain('must specify a peer');
  });
});

describe('pods without their controllers (kubectl get pods -A -o yaml)', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  const pod = (
    name: string,
    ns: string,
    owner: string,
    labels: Record<string, string> = {},
  ) => {
    const [kind, ownerName] = owner.split('/');
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: ns,
        labels: { app: name.split('-')[0], ...labels },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind,
            name: ownerName,
            uid: `u-${name}`,
            controller: true,
          },
        ],
      },
      spec: { containers: [{ name: 'c', image: 'x' }] },
      status: { phase: 'Running', podIP: '10.0.0.1' },
    };
  };

  it('groups each pod under its top-level owner, read from its owner references', async () => {
    dir.write(
      'pods.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          pod('agent-x1', 'ops', 'DaemonSet/node-agent'),
          pod('agent-x2', 'ops', 'DaemonSet/node-agent'),
          pod('db-0', 'ops', 'StatefulSet/db'),
          pod('backup-29000000-abcde', 'ops', 'Job/backup-29000000'),
          pod('web-5d8f7c9b4-xyz12', 'ops', 'ReplicaSet/web-5d8f7c9b4', {
            'pod-template-hash': '5d8f7c9b4',
          }),
          pod('legacy-abcde', 'ops', 'ReplicaSet/legacy'),
        ],
      }),
    );
    dir.write('ns.yaml', docs(namespaceYaml('ops'), defaultDenyYaml('ops')));
    const r = await scan([dir.root], ['--format', 'json']);
    const ops = JSON.parse(r.stdout).clusters[0].namespaces[0];
    expect(
      ops.workloads.map((w: any) => `${w.kind}/${w.name}:${w.pods}`),
    ).toEqual([
      'DaemonSet/node-agent:2',
      'Deployment/web:1',
      'Job/backup-29000000:1',
      'ReplicaSet/legacy:1',
      'StatefulSet/db:1',
    ]);
  });
});

describe('table output', () => {
  it('escapes control characters in names read from the input', async () => {
    const dir = new TempDir();
    try {
      dir.write(
        'ns.json',
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'a\u001b[2Jb' },
          spec: { containers: [] },
        }),
      );
      const io = captureIo();
      await main(['scan', dir.root], io);
      expect(io.stdoutText()).toContain('a\\x1b[2Jb');
      // eslint-disable-next-line no-control-regex
      expect(io.stdoutText()).not.toMatch(/\u001b/);
    } finally {
      dir.remove();
    }
  });
});

describe('duplicates inside lists', () => {
  it('names the list item of the first place', async () => {
    const dir = new TempDir();
    try {
      const list = dir.write(
        'a.json',
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
            {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'p', namespace: 'x' },
            },
          ],
        }),
      );
      const pod = dir.write(
        'b.yaml',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\n',
      );
      const io = captureIo();
      expect(await main(['scan', dir.root], io)).toBe(2);
      expect(io.stderrText()).toContain(
        `${pod}:1:1: Pod x/p is declared twice: here and at ${list}:1 (items[1])`,
      );
    } finally {
      dir.remove();
    }
  });
});
