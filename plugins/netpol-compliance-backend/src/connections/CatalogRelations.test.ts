import type { CatalogService } from '@backstage/plugin-catalog-node';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogRelations } from './CatalogRelations';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop-web', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'shop-web' } },
  spec: {},
};

function catalogAnswering(answer: () => Promise<{ items: unknown[] }>) {
  const getEntities = jest.fn(answer);
  return { catalog: { getEntities } as unknown as CatalogService, getEntities };
}

describe('CatalogRelations', () => {
  it('reads the catalog once for the clusters of one run, and again when its age is up', async () => {
    let now = 0;
    const { catalog, getEntities } = catalogAnswering(async () => ({ items: [entity] }));
    const relations = new CatalogRelations({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      maxAgeMs: 60_000,
      now: () => now,
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => relations.get()));
    expect(getEntities).toHaveBeenCalledTimes(1);
    expect(answers.every(a => a?.[0].ref === 'component:default/shop-web')).toBe(true);
    now = 60_000;
    await relations.get();
    expect(getEntities).toHaveBeenCalledTimes(2);
  });

  it('answers nothing and logs when the catalog fails, then tries again', async () => {
    const logger = mockServices.logger.mock();
    const { catalog, getEntities } = catalogAnswering(async () => {
      throw new Error('catalog down');
    });
    const relations = new CatalogRelations({ catalog, auth: mockServices.auth(), logger });
    expect(await relations.get()).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/stay unknown/), { error: 'catalog down' });
    await relations.get();
    expect(getEntities).toHaveBeenCalledTimes(2);
  });
});
