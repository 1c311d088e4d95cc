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
});
