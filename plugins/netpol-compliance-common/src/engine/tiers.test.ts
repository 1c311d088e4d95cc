/**
 * The admin and baseline tiers through the index, the controls and reach,
 * with hand-built model policies (their compilers plug into
 * clusterScopedPolicies): tier order and Pass hold before they land.
 */
import { evaluateCluster } from './evaluateCluster';
import { checkReachability } from '../reachability/checkReachability';
import {
  denyAllIngress,
  modelPolicy,
  netpol,
  ns,
  pod,
  result,
  snapshot,
} from '../testing/builders';
import type { ModelPolicy } from '../policyModel/types';

const cluster = (networkPolicies = [denyAllIngress('shop')]) =>
  snapshot({
    namespaces: [ns('shop'), ns('dev')],
    pods: [
      pod('shop', 'web', { app: 'web' }, { ips: ['10.0.0.1'] }),
      pod('dev', 'tool', { app: 'tool' }, { ips: ['10.0.0.2'] }),
    ],
    networkPolicies,
  });

const inShop = (p: { namespace: string }) => p.namespace === 'shop';
const fromDev = (r: { kind: string; pod?: { namespace: string } } & any) =>
  r.kind === 'pod' && r.pod.namespace === 'dev';
const query = {
  from: { namespace: 'dev', pod: 'tool' },
  to: { namespace: 'shop', pod: 'web' },
};

describe('admin and baseline tiers', () => {
  it('a baseline deny-all is a default deny for the namespaces it selects', () => {
    const baseline = modelPolicy('baseline', 'default', {
      selects: inShop,
      ingress: [{ action: 'deny' }],
      egress: [{ action: 'deny' }],
    });
    const r = evaluateCluster(cluster([]), {}, { clusterScoped: [baseline] });
    expect(result(r, 'shop', 'NETPOL-004').status).toBe('pass');
    expect(result(r, 'shop', 'NETPOL-005').status).toBe('pass');
    expect(result(r, 'shop', 'NETPOL-003').status).toBe('pass');
    expect(result(r, 'dev', 'NETPOL-004').status).toBe('fail');
    const reach = checkReachability(cluster([]), query, { clusterScoped: [baseline] });
    expect(reach.allowed).toBe(false);
    expect(reach.ingress.reason).toMatch(/BaselineAdminNetworkPolicy default ingress rule 1 \(baseline tier\)/);
  });

  it('a NetworkPolicy allow wins over the baseline deny', () => {
    const baseline = modelPolicy('baseline', 'default', {
      selects: inShop,
      ingress: [{ action: 'deny' }],
    });
    const allowDev = netpol('shop', 'from-dev', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    const reach = checkReachability(cluster([allowDev]), query, { clusterScoped: [baseline] });
    expect(reach.allowed).toBe(true);
    expect(reach.ingress.policies).toEqual(['shop/from-dev']);
  });

  it('an admin Deny beats the namespace allow and is named with the rule', () => {
    const admin = modelPolicy('admin', 'deny-dev', {
      selects: inShop,
      ingress: [{ action: 'deny', peer: fromDev }],
    });
    const allowDev = netpol('shop', 'from-dev', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    const reach = checkReachability(cluster([allowDev]), query, { clusterScoped: [admin] });
    expect(reach.allowed).toBe(false);
    expect(reach.ingress.reason).toMatch(
      /denied by AdminNetworkPolicy deny-dev ingress rule 1 \(admin tier\), before shop\/from-dev/,
    );
  });

  it('an admin Allow re-opens what the namespace default deny blocks, and NETPOL-006 says so', () => {
    const admin = modelPolicy('admin', 'open', {
      selects: inShop,
      ingress: [{ action: 'allow' }],
    });
    const reach = checkReachability(cluster(), query, { clusterScoped: [admin] });
    expect(reach.allowed).toBe(true);
    const r = evaluateCluster(cluster(), {}, { clusterScoped: [admin] });
    const w = result(r, 'shop', 'NETPOL-006');
    expect(w.status).toBe('warning');
    expect(w.reason).toMatch(/AdminNetworkPolicy open: ingress rule 1 allows all sources/);
    expect(result(r, 'dev', 'NETPOL-006').status).toBe('not-applicable');
  });

  it('admin Pass hands the decision to the namespace tier', () => {
    const pass: ModelPolicy = modelPolicy('admin', 'pass', {
      order: 1,
      selects: inShop,
      ingress: [{ action: 'pass', peer: fromDev }],
    });
    const deny = modelPolicy('admin', 'deny', {
      order: 2,
      selects: inShop,
      ingress: [{ action: 'deny' }],
    });
    const open = checkReachability(cluster([]), query, { clusterScoped: [pass, deny] });
    expect(open.allowed).toBe(true);
    const closed = checkReachability(cluster(), query, { clusterScoped: [pass, deny] });
    expect(closed.allowed).toBe(false);
    expect(closed.ingress.reason).toMatch(/isolated for ingress by shop\/default-deny-ingress/);
  });

  it('the workload report lists the admin policies selecting it', () => {
    const admin = modelPolicy('admin', 'watch', { selects: inShop, ingress: [{ action: 'log' }] });
    const r = evaluateCluster(cluster(), {}, { clusterScoped: [admin] });
    const web = r.namespaces.find(n => n.namespace === 'shop')!.workloads[0];
    expect(web.adminPolicies).toEqual([{ kind: 'AdminNetworkPolicy', name: 'watch' }]);
  });
});
