import { catalogComponentOf, catalogComponentsOf, completeEntityRef, mappingFromAnnotations } from './catalogEntity';

describe('catalog entities as components', () => {
  it('completes refs with the kind and the entity namespace, and refuses malformed ones', () => {
    expect(completeEntityRef('payments-api', 'component', 'shop')).toBe('component:shop/payments-api');
    expect(completeEntityRef('Resource:Orders-DB', 'component', 'shop')).toBe('resource:shop/orders-db');
    expect(completeEntityRef('api:team/x', 'api', 'default')).toBe('api:team/x');
    for (const bad of ['', 'component:', ':x', 'a/b/c', 'a b']) {
      expect(completeEntityRef(bad, 'component', 'default')).toBeUndefined();
    }
  });

  it('reads the relations of spec, ignoring non-strings', () => {
    const c = catalogComponentOf(
      { kind: 'Component', metadata: { name: 'web', namespace: 'shop' }, spec: { dependsOn: ['api', 7], providesApis: ['web-api'], system: 'store' } },
      { mapped: false },
    );
    expect(c).toEqual({
      ref: 'component:shop/web',
      mapping: { mapped: false },
      dependsOn: ['component:shop/api'],
      dependencyOf: [],
      consumesApis: [],
      providesApis: ['api:shop/web-api'],
      system: 'system:shop/store',
    });
  });

  it('reads spec.dependencyOf like dependsOn, completed the same way', () => {
    const c = catalogComponentOf(
      { kind: 'Resource', metadata: { name: 'orders-db', namespace: 'shop' }, spec: { dependencyOf: ['component:web', 'system:store'] } },
      { mapped: false },
    );
    expect(c.dependencyOf).toEqual(['component:shop/web', 'system:shop/store']);
  });

  it('adds the catalog relations to the spec fields, each ref once', () => {
    const c = catalogComponentOf(
      {
        kind: 'Component',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { dependsOn: ['api'], consumesApis: ['payments'] },
        relations: [
          { type: 'dependsOn', targetRef: 'component:shop/api' },
          { type: 'dependsOn', targetRef: 'resource:shop/cache' },
          { type: 'dependencyOf', targetRef: 'component:shop/edge' },
          { type: 'consumesApi', targetRef: 'api:shop/payments' },
          { type: 'providesApi', targetRef: 'api:shop/web-api' },
          { type: 'ownedBy', targetRef: 'group:default/team-shop' },
          { type: 'dependsOn', targetRef: 'not a ref' },
        ],
      },
      { mapped: false },
    );
    expect(c.dependsOn).toEqual(['component:shop/api', 'resource:shop/cache']);
    expect(c.dependencyOf).toEqual(['component:shop/edge']);
    expect(c.consumesApis).toEqual(['api:shop/payments']);
    expect(c.providesApis).toEqual(['api:shop/web-api']);
  });

  it('folds the apiProvidedBy and apiConsumedBy relations of API entities into their components', () => {
    const got = catalogComponentsOf(
      [
        { kind: 'Component', metadata: { name: 'payments-api' }, spec: {} },
        { kind: 'Component', metadata: { name: 'web' }, spec: { consumesApis: ['payments'] } },
        {
          kind: 'API',
          metadata: { name: 'payments' },
          relations: [
            { type: 'apiProvidedBy', targetRef: 'component:default/payments-api' },
            { type: 'apiConsumedBy', targetRef: 'component:default/web' },
          ],
        },
        { kind: 'Group', metadata: { name: 'team' } },
      ],
      () => ({ mapped: false }),
    );
    expect(got.map(c => c.ref)).toEqual(['component:default/payments-api', 'component:default/web']);
    expect(got[0].providesApis).toEqual(['api:default/payments']);
    expect(got[1].consumesApis).toEqual(['api:default/payments']);
  });

  it('maps through the kubernetes annotations as the tab does', () => {
    expect(mappingFromAnnotations({ 'backstage.io/kubernetes-id': 'web' })).toEqual({
      mapped: true,
      labelSelector: 'backstage.io/kubernetes-id=web',
    });
    expect(
      mappingFromAnnotations({
        'backstage.io/kubernetes-namespace': 'payments, billing',
        'backstage.io/kubernetes-cluster': 'prod-eu',
        'backstage.io/kubernetes-label-selector': 'app=api',
        'backstage.io/kubernetes-id': 'ignored-when-a-selector-is-given',
      }),
    ).toEqual({ mapped: true, namespaces: ['payments', 'billing'], clusters: ['prod-eu'], labelSelector: 'app=api' });
    expect(mappingFromAnnotations({}).mapped).toBe(false);
  });
});
