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
      dependencyOf: [],
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
    expect(getEntities.mock.calls[0][0].filter).toEqual([{ kind: 'Component' }, { kind: 'Resource' }, { kind: 'API' }]);
    expect(getEntities.mock.calls[0][1]).toEqual({ credentials: creds });
  });

  it('reads dependencyOf and the relations, so a dependency declared on either side gives the connection', async () => {
    const db: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'orders-db', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'orders-db' } },
      spec: { dependencyOf: ['component:web'] },
    };
    const web = entity('web', {}, { 'backstage.io/kubernetes-id': 'web' });
    const payments: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'payments', namespace: 'default' },
      spec: {},
      relations: [{ type: 'apiConsumedBy', targetRef: 'component:default/web' }],
    };
    const cache = entity('cache', {}, { 'backstage.io/kubernetes-id': 'cache' });
    cache.relations = [{ type: 'dependencyOf', targetRef: 'component:default/web' }];
    const getEntities = jest.fn().mockResolvedValue({ items: [web, db, payments, cache] });
    const got = await readCatalogComponents(
      { getEntities } as any,
      { getOwnServiceCredentials: async () => ({}) } as any,
    );
    expect(getEntities.mock.calls[0][0].fields).toEqual(expect.arrayContaining(['spec.dependencyOf', 'relations']));
    expect(expectedConnections('component:default/web', got).map(c => `${c.from}>${c.to}`)).toEqual([
      'component:default/web>resource:default/orders-db',
      'component:default/web>component:default/cache',
      'component:default/web>cluster-dns',
    ]);
    expect(got.find(c => c.ref === 'component:default/web')?.consumesApis).toEqual(['api:default/payments']);
  });

  it('maps no entity by a selector that names no label value: a declared connection never stands for every team', async () => {
    const broad = entity('everything', {}, { 'backstage.io/kubernetes-label-selector': 'app' });
    const getEntities = jest.fn().mockResolvedValue({ items: [broad] });
    const auth = { getOwnServiceCredentials: async () => ({}) } as any;
    const [refused] = await readCatalogComponents({ getEntities } as any, auth);
    expect(refused.mapping.mapped).toBe(false);
    // An operator who allows such selectors gets them in connections too.
    const [allowed] = await readCatalogComponents({ getEntities } as any, auth, { allowBroadSelectors: true });
    expect(allowed.mapping).toMatchObject({ mapped: true, labelSelector: 'app' });
  });
});
