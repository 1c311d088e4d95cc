/**
 * Isolation read across tiers, in order: what an admin rule covering every
 * peer decides comes before the namespace's own policies, and rules naming
 * particular peers are exceptions beside a deny-all, not its end. Every
 * peer means every source or destination, outside the cluster included:
 * an ingress rule of these kinds never covers them all (its peers name
 * pods only), an egress rule does when its networks cover both families.
 */
import { evaluateCluster } from '../engine/evaluateCluster';
import type { AdminPolicySnapshot } from '../snapshot/types';
import { denyAllIngress, ns, pod, result, snapshot } from '../testing/builders';

const everyNamespace = {
  namespaces: {
    matchExpressions: [
      { key: 'kubernetes.io/metadata.name', operator: 'Exists' },
    ],
  },
};
const namespaceNamed = (name: string) => ({
  namespaces: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});
const everywhere = { networks: ['0.0.0.0/0', '::/0'] };
const shopSubject = { namespaces: namespaceNamed('shop').namespaces };

type Rules = {
  ingress?: Array<{ action: string; from: unknown[] }>;
  egress?: Array<{ action: string; to: unknown[] }>;
};

const anp = (
  name: string,
  priority: number,
  ingress: Array<{ action: string; from: unknown[] }>,
  egress?: Rules['egress'],
): AdminPolicySnapshot => ({
  kind: 'AdminNetworkPolicy',
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  name,
  spec: { priority, subject: shopSubject, ingress, ...(egress ? { egress } : {}) },
});

const banp = (
  ingress: Array<{ action: string; from: unknown[] }>,
  egress?: Rules['egress'],
): AdminPolicySnapshot => ({
  kind: 'BaselineAdminNetworkPolicy',
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  name: 'default',
  spec: { subject: shopSubject, ingress, ...(egress ? { egress } : {}) },
});

const shop = (
  adminPolicies: AdminPolicySnapshot[],
  withOwnDefaultDeny: boolean,
) => {
  const report = evaluateCluster({
    ...snapshot({
      namespaces: [ns('shop'), ns('monitoring'), ns('evil')],
      pods: [pod('shop', 'web', { app: 'web' })],
      networkPolicies: withOwnDefaultDeny ? [denyAllIngress('shop')] : [],
    }),
    adminPolicies,
  });
  return {
    ingressDeny: result(report, 'shop', 'NETPOL-004').status,
    egressDeny: result(report, 'shop', 'NETPOL-005').status,
    covered: result(report, 'shop', 'NETPOL-003').status,
  };
};

describe('isolation across tiers', () => {
  it('an admin Allow for every pod leaves outside sources to the namespace default deny: isolated, yet no default deny', () => {
    const verdict = shop(
      [anp('open', 20, [{ action: 'Allow', from: [everyNamespace] }])],
      true,
    );
    expect(verdict.ingressDeny).toBe('fail');
    expect(verdict.covered).toBe('pass');
  });

  it('an admin Allow for every destination opens egress whatever comes after', () => {
    const verdict = shop(
      [anp('open', 20, [], [{ action: 'Allow', to: [everywhere] }]), anp('closed', 30, [], [{ action: 'Deny', to: [everywhere] }])],
      false,
    );
    expect(verdict.egressDeny).toBe('fail');
    expect(verdict.covered).toBe('fail');
  });

  it('an admin Deny for every destination at a lower priority number comes first', () => {
    const verdict = shop(
      [
        anp('open', 30, [], [{ action: 'Allow', to: [everywhere] }]),
        anp('closed', 10, [], [{ action: 'Deny', to: [everywhere] }]),
      ],
      false,
    );
    expect(verdict.egressDeny).toBe('pass');
    expect(verdict.covered).toBe('pass');
  });

  it('an admin Deny for every pod is no ingress isolation: outside sources still get in', () => {
    const verdict = shop(
      [anp('closed', 10, [{ action: 'Deny', from: [everyNamespace] }])],
      false,
    );
    expect(verdict.ingressDeny).toBe('fail');
    expect(verdict.covered).toBe('fail');
  });

  it('an admin Pass for every peer leaves the decision to the namespace', () => {
    expect(
      shop(
        [anp('hand-over', 10, [{ action: 'Pass', from: [everyNamespace] }])],
        true,
      ).ingressDeny,
    ).toBe('pass');
    expect(
      shop(
        [anp('hand-over', 10, [{ action: 'Pass', from: [everyNamespace] }])],
        false,
      ).ingressDeny,
    ).toBe('fail');
  });

  it('a baseline that allows one namespace and then denies everyone isolates, but is no default deny', () => {
    // As a NetworkPolicy selecting every pod and allowing one namespace:
    // isolated (NETPOL-003), yet it allows traffic, so NETPOL-005 wants
    // a policy that allows nothing.
    const verdict = shop(
      [
        banp(
          [],
          [
            { action: 'Allow', to: [namespaceNamed('monitoring')] },
            { action: 'Deny', to: [everyNamespace, everywhere] },
          ],
        ),
      ],
      false,
    );
    expect(verdict.covered).toBe('pass');
    expect(verdict.egressDeny).toBe('fail');
  });

  it('an admin Deny for one namespace only isolates nothing', () => {
    const verdict = shop(
      [anp('no-evil', 10, [{ action: 'Deny', from: [namespaceNamed('evil')] }])],
      false,
    );
    expect(verdict.ingressDeny).toBe('fail');
    expect(verdict.covered).toBe('fail');
  });
});

describe('a baseline default deny behind the namespace tier', () => {
  it('does not count when a namespace policy isolates the pod and allows everyone', () => {
    const report = evaluateCluster({
      ...snapshot({
        namespaces: [ns('shop')],
        pods: [pod('shop', 'web', { app: 'web' })],
        networkPolicies: [
          {
            namespace: 'shop',
            name: 'allow-all',
            labels: {},
            annotations: {},
            spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] },
          },
        ],
      }),
      adminPolicies: [banp([{ action: 'Deny', from: [everyNamespace] }])],
    });
    expect(result(report, 'shop', 'NETPOL-004').status).toBe('fail');
  });

  it('counts when no namespace policy isolates the pod', () => {
    expect(
      shop([banp([], [{ action: 'Deny', to: [everywhere] }])], false)
        .egressDeny,
    ).toBe('pass');
  });

  it('does not count for ingress, whose peers cannot name sources outside the cluster', () => {
    expect(
      shop([banp([{ action: 'Deny', from: [everyNamespace] }])], false)
        .ingressDeny,
    ).toBe('fail');
  });
});
