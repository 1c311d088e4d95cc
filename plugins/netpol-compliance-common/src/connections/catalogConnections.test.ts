import { evaluateCluster } from '../engine/evaluateCluster';
import { attachCatalogConnections } from './catalogConnections';
import { components, PAYMENTS, paymentsOnlyFromBilling, shop, WEB } from './fixtures';

describe('attachCatalogConnections', () => {
  it('stores each entity’s connections in its namespaces, with the ends there only', () => {
    const snap = shop(paymentsOnlyFromBilling);
    const report = evaluateCluster(snap);
    attachCatalogConnections(report, snap, components);
    const shopNs = report.namespaces.find(n => n.namespace === 'shop')!;
    const paymentsNs = report.namespaces.find(n => n.namespace === 'payments')!;
    expect(shopNs.connections!.map(c => c.entityRef)).toEqual([WEB]);
    const web = shopNs.connections![0];
    expect(web.connections.find(c => c.connection.to === PAYMENTS)?.verdict).toBe('blocked');
    // The payments entity sees the same blocked connection from its side.
    const payments = paymentsNs.connections!.find(c => c.entityRef === PAYMENTS)!;
    expect(payments.connections.filter(c => c.verdict === 'blocked').map(c => c.from.namespace)).toEqual(['shop']);
    expect(report.namespaces.find(n => n.namespace === 'sandbox')!.connections).toBeUndefined();
  });

  it('gives a verified least-privilege Fix to the namespaces where entities run, not to exempt ones', () => {
    const snap = shop(paymentsOnlyFromBilling);
    const report = evaluateCluster(snap);
    attachCatalogConnections(report, snap, components);
    const fix = report.namespaces.find(n => n.namespace === 'payments')!.leastPrivilege!;
    expect(fix.verified).toBe(true);
    expect(fix.declared.every(d => d.allowed)).toBe(true);
    expect(fix.yaml).toContain('allow-ingress-to-deployment-api');
    expect(report.namespaces.find(n => n.namespace === 'kube-system')!.leastPrivilege).toBeUndefined();
  });

  it('bounds the fixes per scan, namespaces with blocked connections first', () => {
    const snap = shop(paymentsOnlyFromBilling);
    const report = evaluateCluster(snap);
    attachCatalogConnections(report, snap, components, { maxFixes: 2 });
    const fixed = report.namespaces.filter(n => n.leastPrivilege).map(n => n.namespace).sort();
    expect(fixed).toEqual(['payments', 'shop']);
    // The namespace left out says so, rather than looking like one with nothing to fix.
    const billing = report.namespaces.find(n => n.namespace === 'billing')!;
    expect(billing.connections?.length).toBeGreaterThan(0);
    expect(billing.leastPrivilege).toBeUndefined();
    expect(billing.leastPrivilegeOmitted).toBe(
      'a scan verifies least-privilege policies for 2 namespaces (those with blocked declared connections first) and this cluster has 3',
    );
    expect(report.namespaces.filter(n => n.leastPrivilegeOmitted).map(n => n.namespace)).toEqual(['billing']);
  });

  it('says the open paths are incomplete when the budget runs out, never that nothing is open', () => {
    const snap = shop();
    const report = evaluateCluster(snap);
    attachCatalogConnections(report, snap, components, { maxOpenPathChecks: 1 });
    const all = report.namespaces.flatMap(n => n.connections ?? []);
    expect(all.some(c => c.openPathsIncomplete)).toBe(true);
    expect(all.every(c => c.openButUndeclared.length > 0 || c.openPathsIncomplete)).toBe(true);
  });
});
