import type { NamespaceOwnerIndex } from '../service/namespaceOwners';
import { entityTabLink, planNotifications } from './notificationPlan';
import type { Regression } from './regressions';

const SHOP = 'component:default/shop-web';
const SHOP_NS = 'component:default/shop-namespace';
const PAY = 'component:default/payments-api';
const TEAM_SHOP = 'group:default/team-shop';
const TEAM_PAY = 'group:default/team-payments';

const index: NamespaceOwnerIndex = new Map([
  ['eu/shop', { entities: [SHOP, SHOP_NS], owners: [TEAM_SHOP] }],
  ['eu/payments', { entities: [PAY], owners: [TEAM_PAY] }],
  ['eu/shared', { entities: [SHOP, PAY], owners: [TEAM_SHOP, TEAM_PAY] }],
  ['us/shop', { entities: [SHOP], owners: [TEAM_SHOP] }],
  ['euro/x', { entities: ['component:default/other'], owners: ['group:default/other'] }],
]);
const owner: Record<string, string[]> = {
  [SHOP]: [TEAM_SHOP],
  [SHOP_NS]: [TEAM_SHOP],
  [PAY]: [TEAM_PAY],
  'component:default/other': ['group:default/other'],
};

const plan = (regressions: Regression[]) =>
  planNotifications(regressions, index, ref => owner[ref] ?? [], { tabPath: 'netpol-compliance' });

describe('planNotifications', () => {
  it('tells an owner once, however many of its entities and namespaces regressed', () => {
    const out = plan([
      { cluster: 'eu', namespace: 'shop', control: 'NETPOL-004', reason: 'no default deny' },
      { cluster: 'eu', namespace: 'shared', control: 'NETPOL-001', reason: 'no policy' },
    ]);
    expect(out.map(n => [n.recipient, n.entities, n.regressions.length])).toEqual([
      [TEAM_SHOP, [SHOP_NS, SHOP], 2],
      [TEAM_PAY, [PAY], 1],
    ]);
    const shop = out[0];
    expect(shop.payload.link).toBe('/catalog/default/component/shop-namespace/netpol-compliance');
    expect(shop.payload.description).toContain('NETPOL-004 Namespace denies ingress by default now fails in 1 namespace.');
    expect(shop.payload.description).toContain('NETPOL-001');
  });

  it('does not tell an owner about a namespace only another team maps to', () => {
    const out = plan([{ cluster: 'eu', namespace: 'payments', control: 'NETPOL-004', reason: 'x' }]);
    expect(out.map(n => n.recipient)).toEqual([TEAM_PAY]);
  });

  it('tells nobody about a namespace no entity maps to, or an entity without an owner', () => {
    expect(plan([{ cluster: 'eu', namespace: 'sandbox', control: 'NETPOL-001', reason: 'x' }])).toEqual([]);
    expect(
      planNotifications(
        [{ cluster: 'eu', namespace: 'payments', control: 'NETPOL-001', reason: 'x' }],
        index,
        () => [],
        { tabPath: 't' },
      ),
    ).toEqual([]);
  });

  it('reaches every owner of the cluster, and only that cluster, when its enforcer disappears', () => {
    const out = plan([{ cluster: 'eu', control: 'NETPOL-002', reason: 'no enforcer' }]);
    expect(out.map(n => n.recipient).sort()).toEqual([TEAM_PAY, TEAM_SHOP]);
    expect(out[0].payload.severity).toBe('critical');
    expect(out[0].regressions).toHaveLength(1);
  });

  it('names no cluster, namespace or reason: owners are whoever an annotation names', () => {
    // Anyone may register an entity that claims a namespace; what the
    // cluster says of it is on the tab, behind the kubernetes permissions.
    const out = plan([
      { cluster: 'eu', namespace: 'payments', control: 'NETPOL-004', reason: 'pods of Deployment/ledger-db are open' },
      { cluster: 'eu', namespace: 'shared', control: 'NETPOL-004', reason: 'r' },
      { cluster: 'eu', control: 'NETPOL-002', reason: 'calico-node is gone' },
    ]);
    const pay = out.find(n => n.recipient === TEAM_PAY)!;
    expect(pay.payload.description).toBe(
      [
        'NETPOL-002 Cluster runs a network policy enforcer now fails on 1 cluster.',
        'NETPOL-004 Namespace denies ingress by default now fails in 2 namespaces.',
        'Where and why: on the Network policy tab.',
      ].join('\n'),
    );
    for (const n of out) expect(n.payload.description).not.toMatch(/\beu\b|payments|shared|ledger|calico/);
  });

  it('links kinds in lower case and escapes names', () => {
    expect(entityTabLink('Component:team a/web', 'netpol')).toBe('/catalog/team%20a/component/web/netpol');
  });
});
