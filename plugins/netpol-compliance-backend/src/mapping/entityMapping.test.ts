import type { Entity } from '@backstage/catalog-model';
import { mapEntity } from './entityMapping';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', annotations },
  spec: {},
});

describe('mapEntity', () => {
  it.each([
    [{}, { mapped: false }],
    [{ 'backstage.io/kubernetes-id': 'svc' }, { mapped: true, labelSelector: 'backstage.io/kubernetes-id=svc' }],
    [
      { 'backstage.io/kubernetes-id': 'svc', 'backstage.io/kubernetes-label-selector': 'app=x' },
      { mapped: true, labelSelector: 'app=x' },
    ],
    [{ 'backstage.io/kubernetes-namespace': 'a, b,,' }, { mapped: true, namespaces: ['a', 'b'] }],
    [
      { 'backstage.io/kubernetes-id': 'svc', 'backstage.io/kubernetes-cluster': 'prod,staging' },
      { mapped: true, clusters: ['prod', 'staging'] },
    ],
  ])('maps %j', (annotations, expected) => {
    expect(mapEntity(entity(annotations))).toMatchObject(expected);
  });

  it('refuses a malformed label selector and names the annotation', () => {
    const mapping = mapEntity(entity({ 'backstage.io/kubernetes-label-selector': 'app in (a' }));
    expect(mapping.mapped).toBe(false);
    expect(mapping.reason).toContain('backstage.io/kubernetes-label-selector');
  });

  it('names the annotations to add when the entity is not mapped', () => {
    const mapping = mapEntity(entity({ 'backstage.io/kubernetes-cluster': 'prod' }));
    expect(mapping.mapped).toBe(false);
    expect(mapping.reason).toContain('backstage.io/kubernetes-id');
    expect(mapping.reason).toContain('backstage.io/kubernetes-namespace');
  });

  describe('selectors that pin no label value', () => {
    it.each([
      'team!=payments',
      '!internal',
      'tier notin (secret)',
      'app',
      'app, !internal',
      'team!=payments,tier notin (a, b)',
    ])('refuses %s, naming the annotation and the config key that allows it', selector => {
      const mapping = mapEntity(entity({ 'backstage.io/kubernetes-label-selector': selector }));
      expect(mapping).toMatchObject({ mapped: false });
      expect(mapping.labelSelector).toBeUndefined();
      expect(mapping.reason).toContain('backstage.io/kubernetes-label-selector');
      expect(mapping.reason).toContain('netpolCompliance.entityAccess.allowBroadSelectors');
    });

    it.each([
      'app=shop',
      'app==shop,!canary',
      'app in (shop, shop-web),tier!=db',
      'team=payments,app',
    ])('keeps %s: it names a value the workloads must carry', selector => {
      expect(mapEntity(entity({ 'backstage.io/kubernetes-label-selector': selector }))).toMatchObject({
        mapped: true,
        labelSelector: selector,
      });
    });

    it('keeps the namespace annotation beside a broad selector: the namespaces are named', () => {
      const mapping = mapEntity(
        entity({ 'backstage.io/kubernetes-namespace': 'shop', 'backstage.io/kubernetes-label-selector': '!x' }),
      );
      expect(mapping).toMatchObject({ mapped: true, namespaces: ['shop'] });
    });

    it('maps a broad selector when the operator allows it', () => {
      const mapping = mapEntity(entity({ 'backstage.io/kubernetes-label-selector': 'team!=payments' }), {
        allowBroadSelectors: true,
      });
      expect(mapping).toMatchObject({ mapped: true, labelSelector: 'team!=payments' });
    });
  });
});
