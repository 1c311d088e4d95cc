/**
 * The network-policy API's ingress peers name namespaces and pods only:
 * no admin or baseline ingress rule can match a source outside the
 * cluster (a node's host-network traffic, a load balancer, an external
 * address). Its egress peers add `networks` (and nodes), so an egress
 * rule matches every destination only when its networks cover both
 * address families. The controls must say what `reach` says of the same
 * pods: a deny of every pod is no default deny.
 */
import type { AdminPolicySnapshot, NetworkPolicySnapshot } from '../snapshot/types';
import { evaluateCluster } from '../engine/evaluateCluster';
import { checkReachability } from '../reachability/checkReachability';
import { denyAllIngress, ns, pod, result, snapshot } from '../testing/builders';

const V1 = 'policy.networking.k8s.io/v1alpha1';
const V2 = 'policy.networking.k8s.io/v1alpha2';
const OUTSIDE = '203.0.113.10';
const SHOP = { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } };

function cluster(
  adminPolicies: AdminPolicySnapshot[],
  networkPolicies: NetworkPolicySnapshot[] = [],
) {
  return snapshot({
    namespaces: [ns('shop'), ns('client')],
    pods: [
      pod('shop', 'web', { app: 'web' }, { ips: ['10.0.0.1'] }),
      pod('client', 'tool', { app: 'tool' }, { ips: ['10.0.0.2'] }),
    ],
    networkPolicies,
    adminPolicies,
  });
}

function banp(spec: Record<string, unknown>): AdminPolicySnapshot {
  return {
    kind: 'BaselineAdminNetworkPolicy',
    apiVersion: V1,
    name: 'default',
    spec: { subject: { namespaces: SHOP }, ...spec },
  };
}

const denyEveryPodIn = { name: 'deny-in', action: 'Deny', from: [{ namespaces: {} }] };
const denyEverythingOut = {
  name: 'deny-out',
  action: 'Deny',
  to: [{ namespaces: {} }, { networks: ['0.0.0.0/0', '::/0'] }],
};

const web = { namespace: 'shop', pod: 'web' };
const tool = { namespace: 'client', pod: 'tool' };

describe('admin and baseline ingress peers never match sources outside the cluster', () => {
  const snap = cluster([banp({ ingress: [denyEveryPodIn], egress: [denyEverythingOut] })]);
  const report = evaluateCluster(snap);

  it('reach: an outside address gets in, a pod does not, and the pod is not isolated for ingress', () => {
    const fromOutside = checkReachability(snap, { from: { ip: OUTSIDE }, to: web, port: 8080 });
    expect(fromOutside.allowed).toBe(true);
    expect(fromOutside.ingress.isolated).toBe(false);
    expect(checkReachability(snap, { from: tool, to: web, port: 8080 }).allowed).toBe(false);
  });

  it('NETPOL-004 fails and says that outside sources stay allowed and what to add', () => {
    const r = result(report, 'shop', 'NETPOL-004');
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/BaselineAdminNetworkPolicy default denies ingress from every pod/);
    expect(r.reason).toMatch(/cannot name sources outside the cluster/);
    expect(r.reason).toMatch(/add a NetworkPolicy default deny/);
  });

  it('the reach answer for an outside address says why the baseline deny does not apply', () => {
    const fromOutside = checkReachability(snap, { from: { ip: OUTSIDE }, to: web, port: 8080 });
    expect(fromOutside.ingress.reason).toMatch(/cannot name sources outside the cluster/);
  });

  it('NETPOL-005 passes: the egress deny names every pod and every address of both families', () => {
    expect(result(report, 'shop', 'NETPOL-005').status).toBe('pass');
    const out = checkReachability(snap, { from: web, to: { ip: OUTSIDE }, port: 443 });
    expect(out.allowed).toBe(false);
    expect(out.egress.isolated).toBe(true);
    // NETPOL-003: isolated for egress, which reach confirms.
    expect(result(report, 'shop', 'NETPOL-003').status).toBe('pass');
  });

  it('a NetworkPolicy default deny beside it makes NETPOL-004 pass, as reach agrees', () => {
    const withNp = cluster(
      [banp({ ingress: [denyEveryPodIn], egress: [denyEverythingOut] })],
      [denyAllIngress('shop')],
    );
    expect(result(evaluateCluster(withNp), 'shop', 'NETPOL-004').status).toBe('pass');
    const fromOutside = checkReachability(withNp, { from: { ip: OUTSIDE }, to: web, port: 8080 });
    expect(fromOutside.allowed).toBe(false);
  });
});

describe('egress: every destination means every address of both families', () => {
  it.each([
    ['namespaces {} only', [{ namespaces: {} }]],
    ['IPv4 only', [{ namespaces: {} }, { networks: ['0.0.0.0/0'] }]],
  ])('a deny to %s is no default deny egress, and reach lets an outside address through', (_, to) => {
    const snap = cluster([banp({ egress: [{ action: 'Deny', to }] })]);
    const r = result(evaluateCluster(snap), 'shop', 'NETPOL-005');
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/BaselineAdminNetworkPolicy default denies egress to/);
    expect(r.reason).toMatch(/0\.0\.0\.0\/0 and ::\/0/);
    const out = checkReachability(snap, { from: web, to: { ip: '2001:db8::1' }, port: 443 });
    expect(out.allowed).toBe(true);
  });

  it('networks covering both families in halves are every destination', () => {
    const to = [{ networks: ['0.0.0.0/1', '128.0.0.0/1', '::/1', '8000::/1'] }];
    const snap = cluster([banp({ egress: [{ action: 'Deny', to }] })]);
    expect(result(evaluateCluster(snap), 'shop', 'NETPOL-005').status).toBe('pass');
  });
});

describe('every admin kind and tier', () => {
  const anp: AdminPolicySnapshot = {
    kind: 'AdminNetworkPolicy',
    apiVersion: V1,
    name: 'deny-all',
    spec: { priority: 10, subject: { namespaces: SHOP }, ingress: [denyEveryPodIn] },
  };
  const cnp = (tier: string): AdminPolicySnapshot => ({
    kind: 'ClusterNetworkPolicy',
    apiVersion: V2,
    name: `deny-all-${tier.toLowerCase()}`,
    spec: { tier, priority: 10, subject: { namespaces: SHOP }, ingress: [denyEveryPodIn] },
  });

  it.each([
    ['AdminNetworkPolicy', anp],
    ['ClusterNetworkPolicy (Admin)', cnp('Admin')],
    ['ClusterNetworkPolicy (Baseline)', cnp('Baseline')],
  ])('%s: an ingress Deny from every namespace is no default deny', (_, policy) => {
    const snap = cluster([policy]);
    const report = evaluateCluster(snap);
    expect(result(report, 'shop', 'NETPOL-004').status).toBe('fail');
    expect(result(report, 'shop', 'NETPOL-004').reason).toMatch(/cannot name sources outside the cluster/);
    // Not isolated in any direction: reach lets an outside address in.
    expect(result(report, 'shop', 'NETPOL-003').status).toBe('fail');
    expect(result(report, 'shop', 'NETPOL-003').reason).toMatch(/outside the cluster/);
    expect(checkReachability(snap, { from: { ip: OUTSIDE }, to: web }).allowed).toBe(true);
  });
});

describe('the mirror: a NetworkPolicy default deny and an admin Allow from every namespace', () => {
  const open: AdminPolicySnapshot = {
    kind: 'AdminNetworkPolicy',
    apiVersion: V1,
    name: 'open',
    spec: {
      priority: 3,
      subject: { namespaces: SHOP },
      ingress: [{ name: 'all-in', action: 'Allow', from: [{ namespaces: {} }] }],
    },
  };
  const snap = cluster([open], [denyAllIngress('shop')]);
  const report = evaluateCluster(snap);

  it('reach: outside addresses stay denied (the pod is isolated), pods are let in by the admin tier', () => {
    const fromOutside = checkReachability(snap, { from: { ip: OUTSIDE }, to: web });
    expect(fromOutside.allowed).toBe(false);
    expect(fromOutside.ingress.isolated).toBe(true);
    const fromPod = checkReachability(snap, { from: tool, to: web });
    expect(fromPod.allowed).toBe(true);
    expect(fromPod.ingress.policies).toEqual(['AdminNetworkPolicy open']);
  });

  it('NETPOL-003 says isolated, as reach does; NETPOL-004 fails on the pods let in; NETPOL-006 warns', () => {
    expect(result(report, 'shop', 'NETPOL-003').status).toBe('pass');
    const ingress = result(report, 'shop', 'NETPOL-004');
    expect(ingress.status).toBe('fail');
    expect(ingress.reason).toMatch(
      /AdminNetworkPolicy open allows ingress from every pod of the cluster in the admin tier/,
    );
    expect(ingress.reason).not.toMatch(/accept all ingress/);
    const warn = result(report, 'shop', 'NETPOL-006');
    expect(warn.status).toBe('warning');
    expect(warn.reason).toMatch(/AdminNetworkPolicy open: ingress rule 1 peer 1 allows every pod in every namespace/);
  });
});
