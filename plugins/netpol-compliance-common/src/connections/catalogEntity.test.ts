import { catalogComponentOf, completeEntityRef, mappingFromAnnotations } from './catalogEntity';

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
      consumesApis: [],
      providesApis: ['api:shop/web-api'],
      system: 'system:shop/store',
    });
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
