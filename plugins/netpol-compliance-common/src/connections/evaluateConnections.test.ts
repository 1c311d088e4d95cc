import { netpol } from '../testing/builders';
import { blockedConnections, evaluateConnections, OUTSIDE_THE_CLUSTER } from './evaluateConnections';
import { components, PAYMENTS, paymentsOnlyFromBilling, shop, WEB } from './fixtures';
import { CLUSTER_DNS } from './types';

describe('evaluateConnections', () => {
  it('allows every declared connection when no policy applies, and says what is open', () => {
    const got = evaluateConnections(shop(), PAYMENTS, components);
    expect(got.connections.map(c => [c.connection.from, c.verdict])).toEqual([
      [WEB, 'allowed'],
      ['component:default/billing-invoicer', 'allowed'],
      [PAYMENTS, 'allowed'],
    ]);
    // Declared sources (shop, billing) are not open paths; the sandbox and the outside are.
    expect(got.openButUndeclared.map(p => p.source).sort()).toEqual(
      ['kube-system', OUTSIDE_THE_CLUSTER, 'sandbox'].sort(),
    );
    expect(got.openButUndeclared.find(p => p.source === 'sandbox')?.workloads).toEqual(['Deployment/toolbox']);
  });

  it('blocks a declared dependency that a policy denies and names the policy', () => {
    const got = evaluateConnections(shop(paymentsOnlyFromBilling), WEB, components);
    const blocked = blockedConnections(got);
    expect(blocked).toHaveLength(1);
    expect(blocked[0].connection.to).toBe(PAYMENTS);
    expect(blocked[0].from).toEqual({ namespace: 'shop', workload: 'Deployment/web' });
    expect(blocked[0].result.ingress.allowed).toBe(false);
    expect(blocked[0].result.ingress.policies.join(' ')).toContain('payments/default-deny-ingress');
    // DNS stays allowed: web's namespace has no egress policy.
    expect(got.connections.find(c => c.connection.to === CLUSTER_DNS)?.verdict).toBe('allowed');
  });

  it('blocks DNS when a default deny egress has no DNS rule', () => {
    const deny = netpol('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const got = evaluateConnections(shop([deny]), WEB, components);
    expect(got.connections.map(c => [c.connection.to, c.verdict])).toEqual([
      [PAYMENTS, 'blocked'],
      [CLUSTER_DNS, 'blocked'],
    ]);
  });

  it('lists only undeclared sources once payments lets in billing alone', () => {
    const got = evaluateConnections(shop(paymentsOnlyFromBilling), PAYMENTS, components);
    expect(got.openButUndeclared).toEqual([]);
  });

  it('names the policy that lets an undeclared namespace in', () => {
    const open = netpol('payments', 'allow-all-namespaces', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    const got = evaluateConnections(shop([open]), PAYMENTS, components);
    const sandbox = got.openButUndeclared.find(p => p.source === 'sandbox');
    expect(sandbox?.policies).toEqual(['payments/allow-all-namespaces']);
    // namespaceSelector {} admits pods only, not addresses outside the cluster.
    expect(got.openButUndeclared.some(p => p.source === OUTSIDE_THE_CLUSTER)).toBe(false);
  });

  it('does not evaluate a connection whose other end does not run on the cluster', () => {
    const snap = shop();
    snap.controllers = snap.controllers.filter(c => c.name !== 'web');
    const got = evaluateConnections(snap, PAYMENTS, components);
    expect(got.connections.some(c => c.connection.from === WEB)).toBe(false);
    expect(got.notEvaluated.map(n => n.reason)).toEqual([`${WEB} does not run on test`]);
  });
});
