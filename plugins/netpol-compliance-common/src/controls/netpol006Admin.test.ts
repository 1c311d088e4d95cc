/**
 * NETPOL-006 and the cluster admin policies: an admin Allow/Accept that
 * admits everyone re-opens the namespace whatever its own policies say.
 */
import { evaluateCluster } from '../engine/evaluateCluster';
import type { AdminPolicySnapshot } from '../snapshot/types';
import { denyAllIngress, ns, pod, result, snapshot } from '../testing/builders';

const openShop = (action: string, tier?: string): AdminPolicySnapshot => ({
  kind: tier ? 'ClusterNetworkPolicy' : 'AdminNetworkPolicy',
  apiVersion: tier
    ? 'policy.networking.k8s.io/v1alpha2'
    : 'policy.networking.k8s.io/v1alpha1',
  name: 'open-shop',
  spec: {
    ...(tier ? { tier } : {}),
    priority: 20,
    subject: {
      namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
    },
    ingress: [
      {
        action,
        from: [
          {
            namespaces: {
              matchExpressions: [
                { key: 'kubernetes.io/metadata.name', operator: 'Exists' },
              ],
            },
          },
        ],
      },
    ],
  },
});

const cluster = (policy: AdminPolicySnapshot) => ({
  ...snapshot({
    namespaces: [ns('shop')],
    pods: [pod('shop', 'web', { app: 'web' })],
    networkPolicies: [denyAllIngress('shop')],
  }),
  adminPolicies: [policy],
});

describe('NETPOL-006 and cluster admin policies', () => {
  it('warns when an admin Allow admits every pod of every namespace, whatever the namespace denies', () => {
    const r = result(
      evaluateCluster(cluster(openShop('Allow'))),
      'shop',
      'NETPOL-006',
    );
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(
      /AdminNetworkPolicy open-shop: ingress rule 1 peer 1 allows every pod in every namespace \(admin tier: whatever the namespace's own policies say\)/,
    );
  });

  it('a ClusterNetworkPolicy Accept in the Admin tier too', () => {
    const r = result(
      evaluateCluster(cluster(openShop('Accept', 'Admin'))),
      'shop',
      'NETPOL-006',
    );
    expect(r.status).toBe('warning');
  });

  it('not a Pass, nor a Baseline-tier Accept (the namespace policy decides first)', () => {
    expect(
      result(evaluateCluster(cluster(openShop('Pass'))), 'shop', 'NETPOL-006')
        .status,
    ).toBe('pass');
    expect(
      result(
        evaluateCluster(cluster(openShop('Accept', 'Baseline'))),
        'shop',
        'NETPOL-006',
      ).status,
    ).toBe('pass');
  });
});

describe('NETPOL-006 where only a baseline policy applies', () => {
  it('does not claim that no policy applies: it names the baseline and why its rules need no check', () => {
    const banp: AdminPolicySnapshot = {
      kind: 'BaselineAdminNetworkPolicy',
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      name: 'default',
      spec: {
        subject: { namespaces: {} },
        ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
      },
    };
    const r = result(
      evaluateCluster({
        ...snapshot({ namespaces: [ns('shop')], pods: [pod('shop', 'web', { app: 'web' })] }),
        adminPolicies: [banp],
      }),
      'shop',
      'NETPOL-006',
    );
    expect(r.status).toBe('not-applicable');
    expect(r.reason).not.toMatch(/nor other policy applying to it/);
    expect(r.reason).toMatch(/only BaselineAdminNetworkPolicy default applies/i);
    expect(r.evidence.policies).toEqual([{ kind: 'BaselineAdminNetworkPolicy', name: 'default' }]);
  });
});
