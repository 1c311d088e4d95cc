import type { EntityClusterView } from '../api';
import { evaluateCluster } from '../engine/evaluateCluster';
import { attachCatalogConnections } from './catalogConnections';
import { connectionReason, entityConnectionsSummary } from './entityConnectionsResult';
import { components, paymentsOnlyFromBilling, shop, WEB, PAYMENTS } from './fixtures';

function view(withCatalog: boolean, policies = paymentsOnlyFromBilling): EntityClusterView[] {
  const snap = shop(policies);
  const report = evaluateCluster(snap);
  if (withCatalog) attachCatalogConnections(report, snap, components);
  return [{ cluster: { name: 'test' }, state: 'ok', results: [], namespaces: report.namespaces }];
}

describe('entityConnectionsSummary', () => {
  it('fails NETPOL-007 on a blocked declared dependency and names it', () => {
    const s = entityConnectionsSummary(WEB, view(true));
    expect(s.status).toBe('fail');
    expect(s.reason).toBe('1 of 2 declared connections are blocked: shop/Deployment/web to payments/Deployment/api (test)');
  });

  it('passes when every declared connection is allowed, and still lists what is open', () => {
    const s = entityConnectionsSummary(PAYMENTS, view(true, []));
    expect(s.status).toBe('pass');
    expect(s.openButUndeclared.map(o => o.source)).toContain('sandbox');
  });

  it('is unknown, never pass, when the scan did not read the catalog', () => {
    expect(entityConnectionsSummary(WEB, view(false)).status).toBe('unknown');
  });

  it('is not applicable for an entity without declared connections running here', () => {
    expect(entityConnectionsSummary('component:default/nobody', view(true)).status).toBe('not-applicable');
  });

  it('counts a connection stored in both of its namespaces once, blocked first, with the sets of its own namespaces only', () => {
    const BOTH = 'component:default/web-and-api';
    const both = { ref: BOTH, mapping: { mapped: true, labelSelector: 'app in (web,api)' }, dependsOn: [PAYMENTS] };
    const snap = shop(paymentsOnlyFromBilling);
    const report = evaluateCluster(snap);
    attachCatalogConnections(report, snap, [...components, both]);
    const clusters: EntityClusterView[] = [{ cluster: { name: 'test' }, state: 'ok', results: [], namespaces: report.namespaces }];
    const s = entityConnectionsSummary(BOTH, clusters);
    expect(s.items.map(i => i.namespace).sort()).toEqual(['payments', 'shop']);
    const pairs = s.connections.map(c => `${c.from.namespace}/${c.from.workload}>${c.to.namespace}/${c.to.workload}`);
    expect(pairs.filter(p => p === 'shop/Deployment/web>payments/Deployment/api')).toHaveLength(1);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(s.connections[0].verdict).toBe('blocked');
    const verdicts = s.connections.map(c => c.verdict);
    expect(verdicts).toEqual([...verdicts].sort((a, b) => Number(b === 'blocked') - Number(a === 'blocked')));
    expect(s.leastPrivilege.map(l => l.namespace).sort()).toEqual(['payments', 'shop']);
    expect(s.leastPrivilege.every(l => typeof l.fix.verified === 'boolean')).toBe(true);
  });

  it('gives the deciding side and the engine notes as the reason', () => {
    const s = entityConnectionsSummary(WEB, view(true));
    const blocked = s.blocked[0];
    expect(connectionReason(blocked)).toBe(blocked.result.ingress.reason);
    const noted = { ...blocked, result: { ...blocked.result, notes: ['an ipBlock names a pod address'] } };
    expect(connectionReason(noted)).toBe(`${blocked.result.ingress.reason}. an ipBlock names a pod address`);
  });
});
