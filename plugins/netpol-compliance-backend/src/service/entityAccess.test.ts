import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { component, complianceFixture, permissionsDenying, shopWeb } from './__testUtils__/complianceFixture';

const namespacesOf = (view: { clusters: Array<{ namespaces: Array<{ namespace: string }> }> }) =>
  view.clusters.flatMap(c => c.namespaces.map(n => n.namespace));

describe('the entity view access rule', () => {
  describe("the owner's normal view", () => {
    it.each([
      ['the namespace annotation', { 'backstage.io/kubernetes-namespace': 'shop' }],
      ['kubernetes-id', { 'backstage.io/kubernetes-id': 'shop-web' }],
      ['a label selector naming a value', { 'backstage.io/kubernetes-label-selector': 'app=shop-web,tier!=db' }],
      ['a set selector', { 'backstage.io/kubernetes-label-selector': 'app in (shop-web, shop-worker)' }],
    ])('an entity mapped by %s sees its namespace, and only it', async (_, annotations) => {
      const { service } = complianceFixture({ entities: [component('shop-web', annotations)] });
      const view = await service.getEntityCompliance('component:default/shop-web', mockCredentials.user());
      expect(view.mapping.mapped).toBe(true);
      expect(namespacesOf(view)).toEqual(['shop']);
      expect(view.clusters[0].namespaces[0].workloads.map(w => w.name)).toEqual(['shop-web']);
    });
  });

  describe('refusals', () => {
    it.each(['team!=shop', '!internal', 'team notin (shop)', 'team'])(
      'a selector naming no label value (%s) maps to nothing, and says why',
      async selector => {
        const { service } = complianceFixture({
          entities: [component('shop-web', { 'backstage.io/kubernetes-label-selector': selector })],
        });
        const view = await service.getEntityCompliance('component:default/shop-web', mockCredentials.user());
        expect(view.mapping.mapped).toBe(false);
        expect(view.mapping.reason).toMatch(/names no label value/);
        expect(view.clusters).toEqual([]);
        expect(JSON.stringify(view)).not.toContain('payments');
      },
    );

    it('an operator may allow such selectors in config', async () => {
      const { service } = complianceFixture({
        entities: [component('shop-web', { 'backstage.io/kubernetes-label-selector': 'team!=shop' })],
        config: { entityAccess: { allowBroadSelectors: true } },
      });
      const view = await service.getEntityCompliance('component:default/shop-web', mockCredentials.user());
      expect(namespacesOf(view)).toEqual(['payments']);
    });

    it('a broad selector does not make its entity an owner of every namespace in the overview', async () => {
      const { service } = complianceFixture({
        entities: [shopWeb, component('everything', { 'backstage.io/kubernetes-label-selector': '!internal' }, 'group:default/intruders')],
      });
      const overview = await service.getOverview({}, mockCredentials.user());
      expect(overview.rows.flatMap(r => r.owners)).not.toContain('group:default/intruders');
      expect(overview.rows.find(r => r.namespace === 'shop')?.owners).toEqual(['group:default/team-shop']);
    });

    it.each([['kubernetes.resources.read'], ['kubernetes.clusters.read']])(
      'a caller without %s is refused, before the catalog is asked',
      async permission => {
        const { service, getEntityByRef } = complianceFixture({
          permissions: permissionsDenying([permission], 'user:default/guest'),
        });
        const refused = service.getEntityCompliance('component:default/shop-web', mockCredentials.user('user:default/guest'));
        await expect(refused).rejects.toThrow(NotAllowedError);
        await expect(refused).rejects.toThrow(permission);
        expect(getEntityByRef).not.toHaveBeenCalled();
        // Another user keeps the view.
        const view = await service.getEntityCompliance('component:default/shop-web', mockCredentials.user());
        expect(namespacesOf(view)).toEqual(['shop']);
      },
    );

    it('a caller without kubernetes read gets no user-token scan either', async () => {
      const { service, scans } = complianceFixture({ permissions: permissionsDenying(['kubernetes.resources.read']) });
      await expect(
        service.getEntityCompliance('component:default/shop-web', mockCredentials.user(), {
          userAuthHeaders: { 'backstage-kubernetes-authorization-oidc-okta': 't' },
        }),
      ).rejects.toThrow(NotAllowedError);
      expect(scans.scanWithUserToken).not.toHaveBeenCalled();
    });

    it('an entity the caller may not read in the catalog is a 404, like a missing one', async () => {
      const { service } = complianceFixture({ entities: [] });
      await expect(
        service.getEntityCompliance('component:default/shop-web', mockCredentials.user()),
      ).rejects.toThrow(NotFoundError);
    });
  });
});
