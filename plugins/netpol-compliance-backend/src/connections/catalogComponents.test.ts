import type { Entity } from '@backstage/catalog-model';
import { expectedConnections } from '@netpol/plugin-netpol-compliance-common';
import { readCatalogComponents, toCatalogComponent } from './catalogComponents';

const entity = (name: string, spec: Entity['spec'], annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec,
});

describe('toCatalogComponent', () => {
  it('completes short refs the way the catalog does and maps through the kubernetes annotations', () => {
    const c = toCatalogComponent(
      entity(
        'shop-web',
        { dependsOn: ['payments-api', 'resource:orders-db'], consumesApis: ['payments'], system: 'shop' },
        { 'backstage.io/kubernetes-id': 'shop-web' },
      ),
    );
    expect(c).toEqual({
      ref: 'component:default/shop-web',
      mapping: { mapped: true, labelSelector: 'backstage.io/kubernetes-id=shop-web' },
      dependsOn: ['component:default/payments-api', 'resource:default/orders-db'],
      consumesApis: ['api:default/payments'],
      providesApis: [],
      system: 'system:default/shop',
    });
  });

  it('ignores malformed refs instead of inventing a connection', () => {
    const c = toCatalogComponent(entity('x', { dependsOn: ['', 42, 'component:', ':x'], consumesApis: 'api:x' }));
    expect(c.dependsOn).toEqual([]);
    expect(c.consumesApis).toEqual([]);
    expect(c.mapping.mapped).toBe(false);
  });

  it('derives ingress from an API consumer written with a short ref', () => {
    const components = [
      toCatalogComponent(entity('web', { consumesApis: ['payments'] }, { 'backstage.io/kubernetes-id': 'web' })),
      toCatalogComponent(entity('api', { providesApis: ['api:default/payments'] }, { 'backstage.io/kubernetes-id': 'api' })),
    ];
    expect(expectedConnections('component:default/api', components).map(c => `${c.from}>${c.to}`)).toEqual([
      'component:default/web>component:default/api',
      'component:default/api>cluster-dns',
    ]);
  });
});

describe('readCatalogComponents', () => {
  it('reads components and resources with the plugin credentials', async () => {
    const getEntities = jest.fn().mockResolvedValue({ items: [entity('web', {})] });
    const creds = { principal: { type: 'service' } };
    const got = await readCatalogComponents(
      { getEntities } as any,
      { getOwnServiceCredentials: async () => creds } as any,
    );
    expect(got.map(c => c.ref)).toEqual(['component:default/web']);
    expect(getEntities.mock.calls[0][0].filter).toEqual([{ kind: 'Component' }, { kind: 'Resource' }]);
    expect(getEntities.mock.calls[0][1]).toEqual({ credentials: creds });
  });
});
