import type { EntityClusterView } from '../api';
import { evaluateCluster } from '../engine/evaluateCluster';
import { attachCatalogConnections } from './catalogConnections';
import { entityConnectionsSummary } from './entityConnectionsResult';
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
});
