import { reportFindings } from './findings';
import { evaluateCluster } from './engine/evaluateCluster';
import {
  controller,
  daemonSet,
  container,
  denyAllIngress,
  netpol,
  ns,
  pod,
  snapshot,
} from './testing/builders';

describe('reportFindings', () => {
  const report = evaluateCluster(
    snapshot({
      cluster: { name: 'prod' },
      namespaces: [ns('shop'), ns('dev'), ns('kube-system')],
      pods: [
        pod(
          'shop',
          'web-1',
          { app: 'web' },
          { owner: { kind: 'ReplicaSet', name: 'web-1a' } },
        ),
        pod(
          'shop',
          'db-0',
          { app: 'db' },
          { owner: { kind: 'StatefulSet', name: 'db' } },
        ),
        pod('shop', 'debug', { run: 'debug' }),
        pod('dev', 'tool', { app: 'tool' }),
      ],
      controllers: [
        controller('ReplicaSet', 'shop', 'web-1a', {
          owner: { kind: 'Deployment', name: 'web' },
        }),
        daemonSet('kube-system', 'calico-node', [container('calico-node')]),
      ],
      networkPolicies: [
        netpol('shop', 'web', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{}],
        }),
        netpol('shop', 'open-egress', {
          podSelector: { matchLabels: { app: 'web' } },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                { ipBlock: { cidr: '0.0.0.0/0' } },
                { namespaceSelector: {} },
              ],
            },
          ],
        }),
        denyAllIngress('dev'),
      ],
    }),
  );
  const findings = reportFindings(report);

  it('has the cluster finding for NETPOL-002', () => {
    expect(findings).toContainEqual({
      control: 'NETPOL-002',
      status: 'pass',
      cluster: 'prod',
      reason: expect.stringMatching(/Calico/),
    });
  });

  it('has one finding per uncovered workload', () => {
    const uncovered = findings.filter(
      f => f.control === 'NETPOL-003' && f.namespace === 'shop',
    );
    expect(uncovered.map(f => [f.status, f.workload])).toEqual([
      ['fail', 'Pod/debug'],
      ['fail', 'StatefulSet/db'],
    ]);
    expect(uncovered[0].reason).toMatch(
      /Pod\/debug is selected by no network policy/,
    );
  });

  it('has one finding per allow-all policy, naming its rules', () => {
    const warnings = findings.filter(
      f => f.control === 'NETPOL-006' && f.namespace === 'shop',
    );
    expect(warnings.map(f => [f.status, f.policy])).toEqual([
      ['warning', 'shop/open-egress'],
      ['warning', 'shop/web'],
    ]);
    expect(warnings[0].reason).toBe(
      'shop/open-egress: egress rule 1 peer 1 allows every IPv4 address (0.0.0.0/0); shop/open-egress: egress rule 1 peer 2 allows every pod in every namespace',
    );
  });

  it('has namespace findings for the rest, exempt ones included', () => {
    expect(
      findings
        .filter(f => f.namespace === 'dev')
        .map(f => `${f.control}:${f.status}`),
    ).toEqual([
      'NETPOL-001:pass',
      'NETPOL-003:pass',
      'NETPOL-004:pass',
      'NETPOL-005:fail',
      'NETPOL-006:pass',
    ]);
    expect(
      findings
        .filter(f => f.namespace === 'kube-system')
        .every(f => f.status === 'exempt'),
    ).toBe(true);
    expect(
      findings.every(f => f.cluster === 'prod' && f.reason.length > 0),
    ).toBe(true);
  });
});
