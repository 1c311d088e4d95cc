import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { registerActions } from './actions';
import { complianceFixture, permissionsDenying } from './service/__testUtils__/complianceFixture';

const GUEST = 'user:default/guest';

function setup(denied: string[] = []) {
  const fixture = complianceFixture({ permissions: permissionsDenying(denied, GUEST) });
  const registry = actionsRegistryServiceMock({ logger: mockServices.logger.mock() });
  registerActions(registry, fixture.service);
  return { registry, ...fixture };
}

describe('actions', () => {
  it("gives an entity's namespaces to a caller allowed to read them", async () => {
    const { registry } = setup();
    const { output } = await registry.invoke({
      id: 'test:get-entity-network-policy-compliance',
      input: { entityRef: 'component:default/shop-web' },
      credentials: mockCredentials.user(GUEST),
    });
    expect(output).toMatchObject({ mapped: true, namespaces: [{ cluster: 'prod', namespace: 'shop' }] });
  });

  it.each(['kubernetes.resources.read', 'kubernetes.clusters.read'])(
    'refuses the entity action to a caller without %s, as the REST route does',
    async permission => {
      const { registry, getEntityByRef } = setup([permission]);
      await expect(
        registry.invoke({
          id: 'test:get-entity-network-policy-compliance',
          input: { entityRef: 'component:default/shop-web' },
          credentials: mockCredentials.user(GUEST),
        }),
      ).rejects.toThrow(permission);
      expect(getEntityByRef).not.toHaveBeenCalled();
    },
  );

  it('refuses the overview action to a caller without the overview permission', async () => {
    const { registry, getEntities } = setup(['netpol.compliance.overview.read']);
    await expect(
      registry.invoke({
        id: 'test:list-non-compliant-namespaces',
        input: {},
        credentials: mockCredentials.user(GUEST),
      }),
    ).rejects.toThrow('netpol.compliance.overview.read');
    expect(getEntities).not.toHaveBeenCalled();
  });

  it('lists failing namespaces to a permitted caller', async () => {
    const { registry } = setup(['netpol.compliance.overview.read']);
    const { output } = await registry.invoke({
      id: 'test:list-non-compliant-namespaces',
      input: {},
      credentials: mockCredentials.user('user:default/platform'),
    });
    expect(output).toMatchObject({ total: 1, namespaces: [{ namespace: 'shop', owners: ['group:default/team-shop'] }] });
  });
});
