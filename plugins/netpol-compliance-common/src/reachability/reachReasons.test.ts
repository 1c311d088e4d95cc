/**
 * The per-workload reach summary says what decided each answer, as `reach`
 * does: the tier, policy and rule (issue 11), in one short string per
 * answer (the report is stored per namespace, so it stays small).
 */
import { evaluateCluster } from '../engine/evaluateCluster';
import type { AdminPolicySnapshot, ClusterSnapshot } from '../snapshot/types';
import {
  denyAllEgress,
  denyAllIngress,
  netpol,
  ns,
  pod,
  port,
  snapshot,
} from '../testing/builders';

const V1 = 'policy.networking.k8s.io/v1alpha1';

function reachOf(s: ClusterSnapshot, namespace: string, name: string) {
  const report = evaluateCluster(s);
  const w = report.namespaces
    .find(n => n.namespace === namespace)!
    .workloads.find(x => x.name === name)!;
  return w.reach!;
}

const pods = [
  pod('shop', 'db', { app: 'db' }, { ports: [port(5432)], ips: ['10.3.0.1'] }),
  pod('client', 'web', { app: 'web' }, { ips: ['10.3.0.2'] }),
];
const namespaces = [ns('shop'), ns('client')];

const allowWeb = netpol('shop', 'allow-web', {
  podSelector: { matchLabels: { app: 'db' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: {} }] }],
});

const denyToDb: AdminPolicySnapshot = {
  kind: 'AdminNetworkPolicy',
  apiVersion: V1,
  name: 'deny-to-db',
  spec: {
    priority: 5,
    subject: {
      pods: {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
        podSelector: { matchLabels: { app: 'db' } },
      },
    },
    ingress: [
      { name: 'allow-nothing', action: 'Allow', from: [{ namespaces: { matchLabels: { nope: 'nope' } } }] },
      {
        name: 'deny-client',
        action: 'Deny',
        from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'client' } } }],
      },
    ],
  },
};

describe('the reach summary names what decided', () => {
  it('an admin Deny before the NetworkPolicy that allows: tier, policy, rule and what it overrides', () => {
    const reach = reachOf(
      snapshot({ namespaces, pods, networkPolicies: [allowWeb], adminPolicies: [denyToDb] }),
      'shop',
      'db',
    );
    expect(reach.fromOtherNamespaces).toBe(false);
    expect(reach.why?.fromOtherNamespaces).toBe(
      'from client: denied by AdminNetworkPolicy deny-to-db ingress rule 2 "deny-client" (admin tier), before shop/allow-web',
    );
  });

  it('a NetworkPolicy rule that lets another namespace in, and the isolation that keeps outside sources out', () => {
    const reach = reachOf(snapshot({ namespaces, pods, networkPolicies: [allowWeb] }), 'shop', 'db');
    expect(reach).toMatchObject({ fromOtherNamespaces: true, fromOutsideCluster: false });
    expect(reach.why).toEqual({
      fromOtherNamespaces: 'from client: allowed by shop/allow-web ingress rule 1',
      fromOutsideCluster: 'isolated by shop/allow-web; no rule allows it',
    });
  });

  it('no policy at all: the default allow, said plainly', () => {
    const reach = reachOf(snapshot({ namespaces, pods }), 'shop', 'db');
    expect(reach.why).toEqual({
      fromOtherNamespaces: 'from client: no policy isolates it for ingress (default allow)',
      fromOutsideCluster: 'no policy isolates it for ingress (default allow)',
    });
  });

  it("the senders' egress: the example source's side is named when it is what denies", () => {
    const reach = reachOf(
      snapshot({ namespaces, pods, networkPolicies: [allowWeb, denyAllEgress('client')] }),
      'shop',
      'db',
    );
    expect(reach.fromOtherNamespaces).toBe(false);
    expect(reach.why?.fromOtherNamespaces).toBe(
      "from client: the sender's egress is isolated by client/default-deny-egress; no rule allows it",
    );
  });

  it('a baseline deny of every pod leaves outside sources in, and says why', () => {
    const banp: AdminPolicySnapshot = {
      kind: 'BaselineAdminNetworkPolicy',
      apiVersion: V1,
      name: 'default',
      spec: {
        subject: { namespaces: {} },
        ingress: [{ name: 'deny-all-ingress', action: 'Deny', from: [{ namespaces: {} }] }],
      },
    };
    const reach = reachOf(snapshot({ namespaces, pods, adminPolicies: [banp] }), 'shop', 'db');
    expect(reach.fromOutsideCluster).toBe(true);
    expect(reach.why?.fromOutsideCluster).toBe(
      'no policy isolates it for ingress (default allow); BaselineAdminNetworkPolicy default ingress rule 1 "deny-all-ingress" names pods only',
    );
    expect(reach.why?.fromOtherNamespaces).toMatch(
      /^from client: denied by BaselineAdminNetworkPolicy default ingress rule 1 "deny-all-ingress" \(baseline tier\)$/,
    );
  });

  it('with no other namespace, says so', () => {
    const reach = reachOf(
      snapshot({ namespaces: [ns('shop')], pods: [pods[0]], networkPolicies: [denyAllIngress('shop')] }),
      'shop',
      'db',
    );
    expect(reach.why?.fromOtherNamespaces).toBe('no pod runs in another namespace');
  });
});
