import { scanObjects } from './commands/scan';
import { formatTable, namespaceState } from './formatTable';
import {
  allowAllIngressYaml,
  defaultDenyYaml,
  deploymentYaml,
  docs,
  namespaceYaml,
} from './__testUtils__/manifests';
import { FIXED_NOW } from './__testUtils__/testIo';
import { parseManifestText } from './readManifests';

const MANIFESTS = docs(
  namespaceYaml('open'),
  deploymentYaml('open', 'web'),
  namespaceYaml('half'),
  deploymentYaml('half', 'web'),
  deploymentYaml('half', 'api'),
  allowAllIngressYaml('half', 'api'),
  namespaceYaml('locked'),
  deploymentYaml('locked', 'web'),
  defaultDenyYaml('locked'),
  `apiVersion: v1
kind: Namespace
metadata:
  name: lab
  annotations:
    netpol-compliance.io/exempt: "experiments only (SEC-1)"
`,
  deploymentYaml('lab', 'toy'),
  'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: open}\n',
  `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: cilium}}
  template:
    metadata: {labels: {k8s-app: cilium}}
    spec:
      hostNetwork: true
      containers: [{name: cilium-agent, image: quay.io/cilium/cilium:v1.16.0}]
`,
);

function table(failOn: 'fail' | 'warning' | 'never' = 'fail') {
  const output = scanObjects(parseManifestText(MANIFESTS, 'm.yaml').objects, {
    clusterName: 'prod',
    scannedAt: FIXED_NOW,
  });
  return { output, text: formatTable(output, { failOn, files: 1 }) };
}

/** The block of lines that starts with `heading`, up to the next blank line. */
function block(text: string, heading: string): string[] {
  const blocks = text
    .replace(/\n$/, '')
    .split('\n\n')
    .map(b => b.split('\n'));
  const found = blocks.find(b => b[0].startsWith(heading));
  if (!found) throw new Error(`no block ${heading} in\n${text}`);
  return found;
}

describe('formatTable', () => {
  it('starts with the cluster and its NETPOL-002 result', () => {
    const lines = block(table().text, 'Cluster prod:');
    expect(lines[0]).toBe(
      'Cluster prod: 5 namespaces, 5 workloads, 2 namespaced policies, read from 1 file',
    );
    expect(lines[1]).toMatch(/^ {2}NETPOL-002 {2}PASS {12}Cilium/);
  });

  it.each([
    [
      'open',
      'FAIL',
      {
        'NETPOL-001': 'FAIL',
        'NETPOL-003': 'FAIL',
        'NETPOL-004': 'FAIL',
        'NETPOL-005': 'FAIL',
        'NETPOL-006': 'NOT-APPLICABLE',
      },
      'Deployment/web',
    ],
    [
      'half',
      'FAIL',
      {
        'NETPOL-001': 'PASS',
        'NETPOL-003': 'FAIL',
        'NETPOL-004': 'FAIL',
        'NETPOL-005': 'FAIL',
        'NETPOL-006': 'WARNING',
      },
      'Deployment/web',
    ],
    [
      'locked',
      'PASS',
      {
        'NETPOL-001': 'PASS',
        'NETPOL-003': 'PASS',
        'NETPOL-004': 'PASS',
        'NETPOL-005': 'PASS',
        'NETPOL-006': 'PASS',
      },
      undefined,
    ],
  ])(
    'shows namespace %s as %s with each control, its reason and the uncovered workloads',
    (ns, state, statuses, uncovered) => {
      const { output, text } = table();
      const lines = block(text, `Namespace ${ns}:`);
      expect(lines[0]).toMatch(new RegExp(`^Namespace ${ns}: ${state} \\(`));
      const report = output.clusters[0].namespaces.find(
        n => n.namespace === ns,
      )!;
      for (const [control, word] of Object.entries(statuses)) {
        const reason = report.results.find(r => r.control === control)!.reason;
        expect(lines).toContain(`  ${control}  ${word.padEnd(14)}  ${reason}`);
      }
      const uncoveredLine = lines.find(l =>
        l.startsWith('  Uncovered workloads'),
      );
      expect(uncoveredLine).toBe(
        uncovered
          ? `  Uncovered workloads (selected by no policy): ${uncovered}`
          : undefined,
      );
      expect(lines.includes(`  Fix: netpol-compliance remediate ${ns}`)).toBe(
        state === 'FAIL',
      );
    },
  );

  it('folds an exempt namespace into one line with its reason', () => {
    expect(block(table().text, 'Namespace lab:')).toEqual([
      'Namespace lab: EXEMPT (1 workload, 0 policies)',
      '  every control exempt: Exempt by annotation netpol-compliance.io/exempt: experiments only (SEC-1)',
    ]);
  });

  it.each([
    ['fail', '  Result:     FAILED (--fail-on fail: 7 findings at that level)'],
    [
      'warning',
      '  Result:     FAILED (--fail-on warning: 8 findings at that level)',
    ],
    ['never', '  Result:     OK (--fail-on never)'],
  ] as const)(
    'ends with counts, skipped kinds and the --fail-on %s result',
    (failOn, result) => {
      const { output, text } = table(failOn);
      expect(text.endsWith('\n')).toBe(true);
      const footer = block(text, 'Summary');
      expect(footer).toEqual([
        'Summary',
        '  Namespaces: 5 (2 fail, 1 pass, 2 exempt)',
        `  Findings:   ${output.findings.length} (7 fail, 1 warning, 7 pass, 10 exempt, 1 not-applicable)`,
        '  Skipped:    1 object of kinds the engine does not use: Service 1',
        result,
      ]);
    },
  );

  it('rolls a namespace up to its worst control', () => {
    const base = {
      cluster: 'c',
      namespace: 'n',
      labels: {},
      annotations: {},
      workloads: [],
      policies: [],
    };
    const r = (status: any) => ({
      control: 'NETPOL-001' as const,
      status,
      reason: '',
      evidence: {},
    });
    expect(
      namespaceState({
        ...base,
        results: [r('pass'), r('warning'), r('unknown')],
      }),
      // The common order: an unknown (nothing proven) ranks above a warning.
    ).toBe('unknown');
    expect(
      namespaceState({ ...base, results: [r('pass'), r('unknown')] }),
    ).toBe('unknown');
    expect(namespaceState({ ...base, results: [r('not-applicable')] })).toBe(
      'not-applicable',
    );
    expect(
      namespaceState({
        ...base,
        exemption: { reason: 'x' },
        results: [r('exempt')],
      }),
    ).toBe('exempt');
  });
});
