import path from 'node:path';
import type {
  ClusterReport,
  Finding,
} from '@netpol/plugin-netpol-compliance-common';
import {
  allowAllIngressYaml,
  defaultDenyYaml,
  deploymentYaml,
  docs,
  namespaceYaml,
} from './__testUtils__/manifests';
import { captureIo, FIXED_NOW, TempDir } from './__testUtils__/testIo';
import { main } from './main';

interface ScanJson {
  clusters: ClusterReport[];
  findings: Finding[];
  skipped: Record<string, number>;
}

async function scanJson(
  args: string[],
): Promise<{ code: number; json: ScanJson; stderr: string }> {
  const io = captureIo();
  const code = await main(['scan', ...args, '--format', 'json'], io);
  return { code, json: JSON.parse(io.stdoutText()), stderr: io.stderrText() };
}

describe('scan', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  it('reads multi-document YAML, JSON and kind: List files as one cluster', async () => {
    dir.write(
      'yaml/shop.yaml',
      docs(
        namespaceYaml('shop'),
        deploymentYaml('shop', 'web'),
        defaultDenyYaml('shop'),
      ),
    );
    dir.write(
      'json/billing.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'billing' },
      }),
    );
    dir.write(
      'list.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'batch' } },
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              name: 'job-1',
              namespace: 'batch',
              labels: { app: 'job' },
            },
            spec: { containers: [{ name: 'c', image: 'busybox' }] },
            status: { phase: 'Running', podIP: '10.0.0.9' },
          },
        ],
      }),
    );
    dir.write(
      'list.yaml',
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: search\n`,
    );
    const { code, json } = await scanJson([dir.root]);
    expect(code).toBe(1);
    expect(json.clusters).toHaveLength(1);
    const namespaces = json.clusters[0].namespaces.map(n => n.namespace);
    expect(namespaces).toEqual(['batch', 'billing', 'search', 'shop']);
    const batch = json.clusters[0].namespaces.find(
      n => n.namespace === 'batch',
    )!;
    expect(batch.workloads.map(w => `${w.kind}/${w.name}:${w.pods}`)).toEqual([
      'Pod/job-1:1',
    ]);
    const shop = json.clusters[0].namespaces.find(n => n.namespace === 'shop')!;
    expect(shop.results.map(r => `${r.control}:${r.status}`)).toEqual([
      'NETPOL-001:pass',
      'NETPOL-003:pass',
      'NETPOL-004:pass',
      'NETPOL-005:pass',
      'NETPOL-006:pass',
    ]);
  });

  it("gives each workload's reach answers with what decided them (tier, policy, rule)", async () => {
    dir.write('shop.yaml', docs(namespaceYaml('shop'), deploymentYaml('shop', 'web'), namespaceYaml('client'),
      deploymentYaml('client', 'tool')));
    dir.write(
      'anp.yaml',
      [
        'apiVersion: policy.networking.k8s.io/v1alpha1',
        'kind: AdminNetworkPolicy',
        'metadata: {name: deny-client}',
        'spec:',
        '  priority: 5',
        '  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}',
        '  ingress:',
        '  - {name: no-client, action: Deny, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: client}}}]}',
        '',
      ].join('\n'),
    );
    const { json } = await scanJson([dir.root]);
    const shop = json.clusters[0].namespaces.find(n => n.namespace === 'shop')!;
    expect(shop.workloads[0].reach).toEqual({
      fromOtherNamespaces: false,
      fromOutsideCluster: true,
      why: {
        fromOtherNamespaces:
          'from client: denied by AdminNetworkPolicy deny-client ingress rule 1 "no-client" (admin tier)',
        fromOutsideCluster: 'no policy isolates it for ingress (default allow)',
      },
    });
  });

  it('evaluates a GitOps folder (Deployments, no pods) through the pod templates', async () => {
    dir.write('apps/shop/namespace.yaml', namespaceYaml('shop'));
    dir.write('apps/shop/web.yaml', deploymentYaml('shop', 'web'));
    dir.write('apps/shop/api.yaml', deploymentYaml('shop', 'api'));
    dir.write('apps/shop/policy.yaml', allowAllIngressYaml('shop', 'api'));
    const { code, json } = await scanJson([dir.path('apps')]);
    expect(code).toBe(1);
    const uncovered = json.findings.filter(
      f => f.control === 'NETPOL-003' && f.status === 'fail',
    );
    expect(uncovered).toEqual([
      {
        control: 'NETPOL-003',
        status: 'fail',
        cluster: 'manifests',
        namespace: 'shop',
        workload: 'Deployment/web',
        reason: expect.stringContaining('Deployment/web'),
      },
    ]);
    const shop = json.clusters[0].namespaces[0];
    expect(
      shop.workloads.map(w => [
        w.kind,
        w.name,
        w.pods,
        w.fromTemplate,
        w.covered,
      ]),
    ).toEqual([
      ['Deployment', 'api', 0, true, true],
      ['Deployment', 'web', 0, true, false],
    ]);
    // Without the CNI in the manifests, NETPOL-002 is unknown: never a pass or a fail.
    expect(json.findings.find(f => f.control === 'NETPOL-002')?.status).toBe(
      'unknown',
    );
  });

  it('gives the documented JSON shape', async () => {
    dir.write(
      'all.yaml',
      docs(
        namespaceYaml('shop'),
        deploymentYaml('shop', 'web'),
        allowAllIngressYaml('shop', 'web'),
      ),
    );
    const { json } = await scanJson([dir.root, '--cluster-name', 'prod']);
    expect(Object.keys(json)).toEqual(['clusters', 'findings', 'skipped']);
    expect(json.clusters[0]).toMatchObject({
      cluster: { name: 'prod' },
      scannedAt: FIXED_NOW.toISOString(),
      results: [expect.objectContaining({ control: 'NETPOL-002' })],
      errors: [],
    });
    const keys = new Set([
      'control',
      'status',
      'cluster',
      'namespace',
      'workload',
      'policy',
      'reason',
    ]);
    for (const f of json.findings) {
      expect(Object.keys(f).every(k => keys.has(k))).toBe(true);
      expect(f.cluster).toBe('prod');
    }
    expect(json.findings).toContainEqual({
      control: 'NETPOL-006',
      status: 'warning',
      cluster: 'prod',
      namespace: 'shop',
      policy: 'shop/allow-all-to-web',
      reason: expect.stringContaining('shop/allow-all-to-web'),
    });
    expect(json.findings).toContainEqual(
      expect.objectContaining({
        control: 'NETPOL-004',
        status: 'fail',
        namespace: 'shop',
      }),
    );
    // One finding per namespace control and the cluster control: no workload or policy subject here but the above.
    expect(
      json.findings.filter(f => f.namespace === 'shop').map(f => f.control),
    ).toEqual([
      'NETPOL-001',
      'NETPOL-003',
      'NETPOL-004',
      'NETPOL-005',
      'NETPOL-006',
    ]);
  });

  const levels = {
    failing: docs(namespaceYaml('a'), deploymentYaml('a', 'web')),
    'warning only': docs(
      namespaceYaml('a'),
      deploymentYaml('a', 'web'),
      defaultDenyYaml('a'),
      allowAllIngressYaml('a', 'web'),
    ),
    clean: docs(
      namespaceYaml('a'),
      deploymentYaml('a', 'web'),
      defaultDenyYaml('a'),
    ),
  };
  it.each([
    ['failing', [], 1],
    ['failing', ['--fail-on', 'fail'], 1],
    ['failing', ['--fail-on', 'warning'], 1],
    ['failing', ['--fail-on', 'never'], 0],
    ['warning only', [], 0],
    ['warning only', ['--fail-on', 'fail'], 0],
    ['warning only', ['--fail-on=warning'], 1],
    ['warning only', ['--fail-on', 'never'], 0],
    ['clean', [], 0],
    ['clean', ['--fail-on', 'warning'], 0],
    ['clean', ['--fail-on', 'never'], 0],
  ] as const)(
    'exits for %s manifests with %j: %i',
    async (fixture, flags, expected) => {
      const file = dir.write('m.yaml', levels[fixture]);
      for (const format of ['table', 'json']) {
        const io = captureIo();
        expect(
          await main(['scan', file, ...flags, '--format', format], io),
        ).toBe(expected);
      }
    },
  );

  it('skips unknown kinds and counts them, in JSON and in the table footer', async () => {
    const file = dir.write(
      'm.yaml',
      docs(
        namespaceYaml('a'),
        deploymentYaml('a', 'web'),
        'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: a}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: a}\n',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: a}\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: a}\ndata: {secret: s3cr3t}\n',
      ),
    );
    const { json } = await scanJson([file]);
    expect(json.skipped).toEqual({ ConfigMap: 1, Service: 2, Widget: 1 });
    const io = captureIo();
    await main(['scan', file], io);
    expect(io.stdoutText()).toContain(
      'Skipped:    4 objects of kinds the engine does not use: ConfigMap 1, Service 2, Widget 1',
    );
    expect(io.stdoutText()).not.toContain('s3cr3t');
  });

  it('exempts namespaces matching --exempt, on top of the default ones', async () => {
    const file = dir.write(
      'm.yaml',
      docs(
        namespaceYaml('kube-system'),
        namespaceYaml('dev-1'),
        namespaceYaml('dev-2'),
        namespaceYaml('prod'),
        deploymentYaml('prod', 'web'),
      ),
    );
    const { json } = await scanJson([
      file,
      '--exempt',
      'dev-*',
      '--exempt',
      'nothing',
    ]);
    const state = Object.fromEntries(
      json.clusters[0].namespaces.map(n => [
        n.namespace,
        n.exemption
          ? 'exempt'
          : n.results.find(r => r.control === 'NETPOL-001')!.status,
      ]),
    );
    expect(state).toEqual({
      'dev-1': 'exempt',
      'dev-2': 'exempt',
      'kube-system': 'exempt',
      prod: 'fail',
    });
  });

  it('declares the enforcer with --enforcer: NETPOL-002 passes with that reason', async () => {
    const file = dir.write(
      'm.yaml',
      docs(namespaceYaml('prod'), deploymentYaml('prod', 'web')),
    );
    const enforcerResult = (json: any) =>
      json.clusters[0].results.find((r: any) => r.control === 'NETPOL-002');
    const without = enforcerResult((await scanJson([file])).json);
    expect(without.status).not.toBe('pass');
    const declared = enforcerResult(
      (await scanJson([file, '--enforcer', 'GKE Dataplane V2 (SEC-42)'])).json,
    );
    expect(declared.status).toBe('pass');
    expect(declared.reason).toContain('GKE Dataplane V2 (SEC-42)');
  });

  it('counts the cluster admin policies for NETPOL-001 only with --count-admin-policies', async () => {
    // The demo's reports namespace has no policy of its own; a baseline
    // deny-all and an admin policy select it.
    const prodEu = path.resolve(__dirname, '../../../examples/clusters/prod-eu');
    const reports = (json: ScanJson) =>
      json.clusters[0].namespaces
        .find(n => n.namespace === 'reports')!
        .results.find(r => r.control === 'NETPOL-001')!;
    const cis = reports((await scanJson([prodEu])).json);
    expect(cis.status).toBe('fail');
    expect(cis.reason).toMatch(/BaselineAdminNetworkPolicy default \(Baseline tier\)/);
    const counted = reports((await scanJson([prodEu, '--count-admin-policies'])).json);
    expect(counted.status).toBe('pass');
  });

  it('reads manifests from standard input', async () => {
    const io = captureIo({
      stdin: docs(
        namespaceYaml('a'),
        deploymentYaml('a', 'web'),
        defaultDenyYaml('a'),
      ),
    });
    expect(await main(['scan', '-', '--format', 'json'], io)).toBe(0);
    expect(
      JSON.parse(io.stdoutText()).clusters[0].namespaces[0].namespace,
    ).toBe('a');
  });

  it('names the file and line of a YAML syntax error, and evaluates nothing', async () => {
    dir.write(
      'good.yaml',
      docs(namespaceYaml('a'), deploymentYaml('a', 'web')),
    );
    const bad = dir.write(
      'sub/bad.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n labels: {}\n',
    );
    const io = captureIo();
    expect(await main(['scan', dir.root], io)).toBe(2);
    expect(io.stdoutText()).toBe('');
    expect(io.stderrText()).toContain(`error: ${bad}:5:1: YAML syntax error:`);
    expect(io.stderrText()).toContain(
      '1 problem in the input; nothing was evaluated',
    );
  });

  it.each([
    [
      'a missing file',
      (d: TempDir) => [d.path('nope.yaml')],
      /nope\.yaml: cannot read: no such file or directory/,
    ],
    [
      'a folder without manifests',
      (d: TempDir) => [d.root],
      /no manifests \(\*\.yaml, \*\.yml, \*\.json\) in this folder/,
    ],
    [
      'a JSON syntax error',
      (d: TempDir) => [
        d.write(
          'x.json',
          '{\n  "kind": "Pod",\n  "metadata": {"name": "p"\n}\n',
        ),
      ],
      /x\.json:5:1: JSON syntax error: unexpected end of input/,
    ],
    [
      'a file with no objects',
      (d: TempDir) => [d.write('empty.yaml', '# nothing yet\n')],
      /no Kubernetes objects in .*empty\.yaml/,
    ],
  ])('exits 2 for %s', async (_name, paths, message) => {
    const io = captureIo();
    expect(await main(['scan', ...paths(dir)], io)).toBe(2);
    expect(io.stderrText()).toMatch(message);
    expect(io.stdoutText()).toBe('');
  });
});
