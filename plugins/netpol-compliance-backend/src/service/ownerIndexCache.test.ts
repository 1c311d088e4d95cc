import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { clusterReport } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';
import { openDatabase } from '../store/database';
import { OwnerIndexStore, StoredOwnerIndex } from '../store/OwnerIndexStore';
import { indexReport } from '../store/reportParts';
import { component } from './__testUtils__/complianceFixture';
import { OwnerIndexCache } from './ownerIndexCache';

jest.setTimeout(60_000);

const reports = [indexReport(clusterReport('prod', '2026-01-01T00:00:00.000Z', { shop: 'pass' }))];
const shopWeb = component('shop-web', { 'backstage.io/kubernetes-namespace': 'shop' });

function memoryPersistence() {
  let kept: StoredOwnerIndex | undefined;
  return { load: async () => kept, save: async (i: StoredOwnerIndex) => void (kept = i) };
}

describe('OwnerIndexCache across a restart', () => {
  it('serves the index an earlier run kept for the same reports, without waiting for the catalog', async () => {
    const persistence = memoryPersistence();
    const first = new OwnerIndexCache({ loadEntities: async () => [shopWeb], mapping: {}, persistence });
    expect((await first.get(reports)).get('prod/shop')?.owners).toEqual(['group:default/team-shop']);
    await new Promise(r => setImmediate(r));
    const loadEntities = jest.fn(() => new Promise<never>(() => {}));
    const restarted = new OwnerIndexCache({ loadEntities, mapping: {}, persistence });
    expect((await restarted.get(reports)).get('prod/shop')?.entities).toEqual(['component:default/shop-web']);
    expect(loadEntities).not.toHaveBeenCalled();
  });

  it('builds afresh when the kept index was for other reports', async () => {
    const persistence = memoryPersistence();
    await persistence.save({ signature: 'prod@older', at: Date.now(), entries: [['prod/shop', { entities: ['x'], owners: ['y'] }]] });
    const cache = new OwnerIndexCache({ loadEntities: async () => [shopWeb], mapping: {}, persistence });
    expect((await cache.get(reports)).get('prod/shop')?.entities).toEqual(['component:default/shop-web']);
  });
});

const databases = storageTestDatabases();
describe.each(databases.eachSupportedId())('OwnerIndexStore on %s', (databaseId: TestDatabaseId) => {
  it('keeps the newer of two replicas’ indexes', async () => {
    const db = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    const store = new OwnerIndexStore(db);
    await store.save({ signature: 's2', at: 2000, entries: [['c/n', { entities: ['e2'], owners: [] }]] });
    await store.save({ signature: 's1', at: 1000, entries: [] });
    expect(await store.load()).toEqual({ signature: 's2', at: 2000, entries: [['c/n', { entities: ['e2'], owners: [] }]] });
  });
});
