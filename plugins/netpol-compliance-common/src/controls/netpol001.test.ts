import { evaluateCluster } from '../engine/evaluateCluster';
import {
  denyAllIngress,
  missing,
  netpol,
  ns,
  other,
  pod,
  result,
  snapshot,
} from '../testing/builders';
import type { ClusterSnapshot } from '../snapshot/types';

const namespaces = [ns('shop', { team: 'shop' }), ns('dev'), ns('empty')];
const pods = [
  pod('shop', 'web', { app: 'web' }),
  pod('dev', 'tool', { app: 'tool' }),
];

interface Row {
  name: string;
  input: Partial<ClusterSnapshot>;
  expect: Record<string, 'pass' | 'fail' | 'unknown'>;
  reason?: RegExp;
}

const rows: Row[] = [
  {
    name: 'no policy anywhere',
    input: {},
    expect: { shop: 'fail', dev: 'fail', empty: 'fail' },
    reason: /No NetworkPolicy/,
  },
  {
    name: 'a NetworkPolicy in the namespace',
    input: { networkPolicies: [denyAllIngress('shop')] },
    expect: { shop: 'pass', dev: 'fail' },
    reason: /1 NetworkPolicy in the namespace/,
  },
  {
    name: 'a policy that selects no pod still counts as present',
    input: {
      networkPolicies: [
        netpol('shop', 'p', {
          podSelector: { matchLabels: { app: 'nothing' } },
        }),
      ],
    },
    expect: { shop: 'pass' },
  },
  {
    name: 'a namespaced CiliumNetworkPolicy',
    input: {
      otherPolicies: [
        other('CiliumNetworkPolicy', 'c', { endpointSelector: {} }, 'shop'),
      ],
    },
    expect: { shop: 'pass', dev: 'fail' },
    reason: /other kinds \(CiliumNetworkPolicy\)/,
  },
  {
    name: 'a clusterwide Cilium policy with an empty selector applies everywhere',
    input: {
      otherPolicies: [
        other('CiliumClusterwideNetworkPolicy', 'all', {
          endpointSelector: {},
        }),
      ],
    },
    expect: { shop: 'pass', dev: 'pass', empty: 'pass' },
  },
  {
    name: "a clusterwide Cilium policy selecting by Cilium's namespace label",
    input: {
      otherPolicies: [
        other('CiliumClusterwideNetworkPolicy', 'shop-only', {
          endpointSelector: {
            matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'shop' },
          },
        }),
      ],
    },
    expect: { shop: 'pass', dev: 'fail', empty: 'fail' },
  },
  {
    name: 'a Calico NetworkPolicy',
    input: {
      otherPolicies: [
        other('CalicoNetworkPolicy', 'c', { selector: "app == 'tool'" }, 'dev'),
      ],
    },
    expect: { shop: 'fail', dev: 'pass' },
  },
  {
    name: 'a Calico GlobalNetworkPolicy for one namespace',
    input: {
      otherPolicies: [
        other('CalicoGlobalNetworkPolicy', 'g', {
          selector: "projectcalico.org/namespace == 'shop'",
        }),
      ],
    },
    expect: { shop: 'pass', dev: 'fail' },
  },
  {
    name: 'a Calico GlobalNetworkPolicy selecting pods by label applies where they run',
    input: {
      otherPolicies: [
        other('CalicoGlobalNetworkPolicy', 'g', { selector: "app == 'tool'" }),
      ],
    },
    expect: { shop: 'fail', dev: 'pass', empty: 'fail' },
  },
  {
    name: 'NetworkPolicies unreadable: unknown where nothing was found',
    input: {
      otherPolicies: [
        other('CiliumNetworkPolicy', 'c', { endpointSelector: {} }, 'shop'),
      ],
      missing: [missing('networkpolicies', 'forbidden')],
    },
    expect: { shop: 'pass', dev: 'unknown' },
    reason: /could not be read: forbidden/,
  },
  {
    name: 'NetworkPolicies unreadable in one namespace only',
    input: { missing: [missing('networkpolicies', 'timeout', 'dev')] },
    expect: { shop: 'fail', dev: 'unknown' },
  },
  {
    name: 'other kinds unreadable: unknown where nothing was found',
    input: {
      networkPolicies: [denyAllIngress('shop')],
      missing: [missing('otherpolicies', 'CRD list failed')],
    },
    expect: { shop: 'pass', dev: 'unknown' },
  },
];

describe('NETPOL-001 policy present', () => {
  it.each(rows.map(r => [r.name, r] as const))('%s', (_n, row) => {
    const report = evaluateCluster(
      snapshot({ namespaces, pods, ...row.input }),
    );
    for (const [namespace, status] of Object.entries(row.expect)) {
      expect([
        namespace,
        result(report, namespace, 'NETPOL-001').status,
      ]).toEqual([namespace, status]);
    }
    // Rows without a reason pattern check the statuses only.
    const reasons = row.reason
      ? Object.keys(row.expect).map(n => result(report, n, 'NETPOL-001').reason)
      : [];
    expect(reasons.join('\n')).toMatch(row.reason ?? /^$/);
  });

  it('lists every policy, of every kind, in the evidence', () => {
    const report = evaluateCluster(
      snapshot({
        namespaces,
        pods,
        networkPolicies: [denyAllIngress('shop')],
        otherPolicies: [
          other('CiliumClusterwideNetworkPolicy', 'all', {
            endpointSelector: {},
          }),
        ],
      }),
    );
    expect(result(report, 'shop', 'NETPOL-001').evidence.policies).toEqual([
      {
        kind: 'NetworkPolicy',
        namespace: 'shop',
        name: 'default-deny-ingress',
      },
      {
        kind: 'CiliumClusterwideNetworkPolicy',
        namespace: undefined,
        name: 'all',
      },
    ]);
  });
});
