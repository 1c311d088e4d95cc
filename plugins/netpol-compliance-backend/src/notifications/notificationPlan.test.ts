import type { NamespaceOwnerIndex } from '../service/namespaceOwners';
import { entityTabLink, planNotifications } from './notificationPlan';
import type { Regression } from './regressions';

const SHOP = 'component:default/shop-web';
const PAY = 'component:default/payments-api';

const owners: NamespaceOwnerIndex = new Map([
  ['eu/shop', { entities: [SHOP], owners: ['group:default/team-shop'] }],
  ['eu/payments', { entities: [PAY], owners: ['group:default/team-payments'] }],
  ['eu/shared', { entities: [SHOP, PAY], owners: [] }],
  ['us/shop', { entities: [SHOP], owners: ['group:default/team-shop'] }],
  ['euro/x', { entities: ['component:default/other'], owners: [] }],
]);

const plan = (regressions: Regression[]) => planNotifications(regressions, owners, { tabPath: 'netpol-compliance' });

describe('planNotifications', () => {
  it('sends one notification per entity, however many of its namespaces regressed', () => {
    const out = plan([
      { cluster: 'eu', namespace: 'shop', control: 'NETPOL-004', reason: 'no default deny' },
      { cluster: 'eu', namespace: 'shared', control: 'NETPOL-001', reason: 'no policy' },
    ]);
    expect(out.map(n => [n.entityRef, n.regressions.length])).toEqual([
      [SHOP, 2],
      [PAY, 1],
    ]);
    const shop = out.find(n => n.entityRef === SHOP)!;
    expect(shop.payload.link).toBe('/catalog/default/component/shop-web/netpol-compliance');
    expect(shop.payload.description).toContain('eu/shop: NETPOL-004');
    expect(shop.payload.description).toContain('no default deny');
  });

  it('tells nobody about a namespace no entity maps to', () => {
    expect(plan([{ cluster: 'eu', namespace: 'sandbox', control: 'NETPOL-001', reason: 'x' }])).toEqual([]);
  });

  it('reaches every entity of the cluster, and only that cluster, when its enforcer disappears', () => {
    const out = plan([{ cluster: 'eu', control: 'NETPOL-002', reason: 'no enforcer' }]);
    expect(out.map(n => n.entityRef).sort()).toEqual([PAY, SHOP]);
    expect(out[0].payload.severity).toBe('critical');
    expect(out[0].regressions).toHaveLength(1);
  });

  it('lists at most five regressions and counts the rest', () => {
    const many = ['001', '003', '004', '005', '006', '002'].map(n => ({
      cluster: 'eu',
      namespace: 'shop',
      control: `NETPOL-${n}`,
      reason: 'r',
    }));
    const [only] = plan(many);
    expect(only.payload.description!.split('\n')).toHaveLength(6);
    expect(only.payload.description).toContain('1 more');
  });

  it('links kinds in lower case and escapes names', () => {
    expect(entityTabLink('Component:team a/web', 'netpol')).toBe('/catalog/team%20a/component/web/netpol');
  });
});
