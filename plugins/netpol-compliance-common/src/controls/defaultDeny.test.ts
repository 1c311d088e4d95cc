import { evaluateCluster } from '../engine/evaluateCluster';
import {
  missing,
  netpol,
  ns,
  other,
  pod,
  result,
  snapshot,
} from '../testing/builders';
import type { NetworkPolicySnapshot, NetworkPolicySpec } from '../snapshot/types';

const base = {
  namespaces: [ns('shop')],
  pods: [pod('shop', 'web', { app: 'web' })],
};

const rows: Array<
  [string, NetworkPolicySpec[], 'pass' | 'fail', 'pass' | 'fail']
> = [
  [
    'podSelector {} with policyTypes [Ingress]',
    [{ podSelector: {}, policyTypes: ['Ingress'] }],
    'pass',
    'fail',
  ],
  [
    'absent podSelector means {} (policyTypes defaulted to Ingress)',
    [{}],
    'pass',
    'fail',
  ],
  [
    'both directions, no rules',
    [{ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }],
    'pass',
    'pass',
  ],
  [
    'Egress only',
    [{ podSelector: {}, policyTypes: ['Egress'] }],
    'fail',
    'pass',
  ],
  [
    'ingress: [] allows nothing',
    [{ podSelector: {}, policyTypes: ['Ingress'], ingress: [] }],
    'pass',
    'fail',
  ],
  [
    'an allow-all rule is not a default deny',
    [
      {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{}],
        egress: [{}],
      },
    ],
    'fail',
    'fail',
  ],
  [
    'egress: [] without policyTypes isolates ingress only',
    [{ podSelector: {}, egress: [] }],
    'pass',
    'fail',
  ],
  [
    'a podSelector for some pods is not a default deny',
    [
      {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
      },
    ],
    'fail',
    'fail',
  ],
  [
    'an egress allow for DNS alone is not a default deny',
    [
      {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    ],
    'fail',
    'fail',
  ],
  [
    'default deny plus allow policies passes',
    [
      { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    ],
    'pass',
    'pass',
  ],
  [
    'an invalid podSelector selects nothing',
    [
      {
        podSelector: {
          matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }],
        },
        policyTypes: ['Ingress', 'Egress'],
      },
    ],
    'fail',
    'fail',
  ],
  [
    'a rule whose only peer is invalid allows nothing',
    [
      {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ipBlock: { cidr: 'nope' } }] }],
      },
    ],
    'pass',
    'fail',
  ],
];

function policies(specs: NetworkPolicySpec[]): NetworkPolicySnapshot[] {
  return specs.map((spec, i) => netpol('shop', `p${i + 1}`, spec));
}

describe('NETPOL-004 / NETPOL-005 default deny', () => {
  it.each(rows)('%s', (_n, specs, ingress, egress) => {
    const report = evaluateCluster(
      snapshot({ ...base, networkPolicies: policies(specs) }),
    );
    expect(result(report, 'shop', 'NETPOL-004').status).toBe(ingress);
    expect(result(report, 'shop', 'NETPOL-005').status).toBe(egress);
  });

  it('names the default-deny policy', () => {
    const r = result(
      evaluateCluster(
        snapshot({
          ...base,
          networkPolicies: policies([
            { podSelector: {}, policyTypes: ['Ingress'] },
          ]),
        }),
      ),
      'shop',
      'NETPOL-004',
    );
    expect(r.evidence.policies).toEqual([
      { kind: 'NetworkPolicy', namespace: 'shop', name: 'p1' },
    ]);
    expect(r.reason).toMatch(
      /shop\/p1 selects every pod for Ingress and allows nothing/,
    );
  });

  it('explains why a select-all policy with rules is not a default deny', () => {
    const r = result(
      evaluateCluster(
        snapshot({
          ...base,
          networkPolicies: policies([{ podSelector: {}, ingress: [{}] }]),
        }),
      ),
      'shop',
      'NETPOL-004',
    );
    expect(r.evidence.notes?.join()).toMatch(
      /shop\/p1 selects every pod for Ingress but its ingress rules allow traffic/,
    );
  });

  it('says when other kinds apply, as they are not recognised here', () => {
    const r = result(
      evaluateCluster(
        snapshot({
          ...base,
          otherPolicies: [
            other(
              'CiliumNetworkPolicy',
              'deny',
              { endpointSelector: {}, ingress: [] },
              'shop',
            ),
          ],
        }),
      ),
      'shop',
      'NETPOL-005',
    );
    expect(r.status).toBe('fail');
    expect(r.evidence.notes?.join()).toMatch(
      /CiliumNetworkPolicy shop\/deny also applies/,
    );
  });

  it('is unknown when NetworkPolicies could not be read and no default deny was seen', () => {
    const report = evaluateCluster(
      snapshot({
        ...base,
        missing: [missing('networkpolicies', 'forbidden', 'shop')],
      }),
    );
    expect(result(report, 'shop', 'NETPOL-004').status).toBe('unknown');
    expect(result(report, 'shop', 'NETPOL-005').reason).toMatch(
      /could not be read in shop: forbidden/,
    );
  });
});
