/**
 * NETPOL-001 and the cluster admin policies of the network-policy API: the
 * CIS reading counts only policies the namespace owns, lists the admin
 * policies selecting it as evidence, and says what they do elsewhere.
 */
import { evaluateCluster } from '../engine/evaluateCluster';
import type { AdminPolicySnapshot } from '../snapshot/types';
import { netpol, ns, pod, result, snapshot } from '../testing/builders';

const baselineDenyAll: AdminPolicySnapshot = {
  kind: 'BaselineAdminNetworkPolicy',
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  name: 'default',
  spec: {
    subject: { namespaces: { matchLabels: { isolation: 'baseline' } } },
    ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
  },
};
const adminAllow: AdminPolicySnapshot = {
  kind: 'AdminNetworkPolicy',
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  name: 'ingress-to-reports',
  spec: {
    priority: 10,
    subject: { namespaces: { matchLabels: { isolation: 'baseline' } } },
    ingress: [
      {
        action: 'Allow',
        from: [
          {
            namespaces: {
              matchLabels: { 'kubernetes.io/metadata.name': 'ingress' },
            },
          },
        ],
      },
    ],
  },
};

const cluster = (withOwnPolicy = false) => ({
  ...snapshot({
    namespaces: [ns('reports', { isolation: 'baseline' }), ns('shop')],
    pods: [pod('reports', 'api', { app: 'api' }), pod('shop', 'web')],
    networkPolicies: withOwnPolicy
      ? [netpol('reports', 'own', { podSelector: {} })]
      : [],
  }),
  adminPolicies: [baselineDenyAll, adminAllow],
});

describe('NETPOL-001 and cluster admin policies', () => {
  it('fails by default (the CIS reading) and names the admin policies selecting the namespace', () => {
    const r = result(evaluateCluster(cluster()), 'reports', 'NETPOL-001');
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(
      /2 cluster admin policies select pods of this namespace: AdminNetworkPolicy ingress-to-reports \(Admin tier, priority 10\), BaselineAdminNetworkPolicy default \(Baseline tier\) \(not counted by the CIS reading; turn on countAdminPolicies to count them\)/,
    );
    expect(r.reason).not.toMatch(/all traffic to and from its pods is allowed/);
    expect(r.evidence.notes?.[0]).toMatch(/not counted by the CIS reading/);
  });

  it('a namespace no admin policy selects keeps the plain reason', () => {
    const r = result(evaluateCluster(cluster()), 'shop', 'NETPOL-001');
    expect(r.reason).toMatch(/all traffic to and from its pods is allowed/);
    expect(r.evidence.notes).toBeUndefined();
  });

  it('a pass on its own policy still lists the admin policies as evidence', () => {
    const r = result(evaluateCluster(cluster(true)), 'reports', 'NETPOL-001');
    expect(r.status).toBe('pass');
    expect(r.evidence.notes?.[0]).toMatch(
      /^2 cluster admin policies select pods of this namespace/,
    );
  });

  it('passes with countAdminPolicies, naming them, and never for a namespace they do not select', () => {
    const report = evaluateCluster(cluster(), { countAdminPolicies: true });
    const r = result(report, 'reports', 'NETPOL-001');
    expect(r.status).toBe('pass');
    expect(r.reason).toMatch(
      /^No policy of its own, but 2 cluster admin policies select its pods and count by configuration: AdminNetworkPolicy ingress-to-reports/,
    );
    expect(r.evidence.policies).toEqual([
      { kind: 'AdminNetworkPolicy', name: 'ingress-to-reports' },
      { kind: 'BaselineAdminNetworkPolicy', name: 'default' },
    ]);
    expect(result(report, 'shop', 'NETPOL-001').status).toBe('fail');
  });

  it('with countAdminPolicies, unreadable admin policies make an empty namespace unknown', () => {
    const r = result(
      evaluateCluster(
        {
          ...cluster(),
          adminPolicies: [],
          missing: [{ resource: 'adminpolicies', reason: 'forbidden' }],
        },
        { countAdminPolicies: true },
      ),
      'shop',
      'NETPOL-001',
    );
    expect(r.status).toBe('unknown');
    expect(r.reason).toMatch(
      /cluster admin policies .* could not be read: forbidden/,
    );
  });
});
