import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { clusterReport } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';
import { openDatabase } from '../store/database';
import { OwnerIndexStore, StoredOwnerIndex } from '../store/OwnerIndexStore';
import { ReportStore } from '../store/ReportStore';
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
describe.each(databases.eachSupportedId())('owners of a stored report on %s', (databaseId: TestDatabaseId) => {
  it('finds a label-selected entity’s namespaces in an index read without its label sets', async () => {
    const store = await ReportStore.create(mockServices.database({ knex: await databases.init(databaseId) }));
    const report = clusterReport('prod', '2026-01-01T00:00:00.000Z', { shop: 'pass', web: 'pass' });
    report.namespaces[1].workloads = [{ kind: 'Deployment', name: 'web', labels: { app: 'web' } } as any];
    await store.saveReport(report, 5);
    const index = (await store.getIndex('prod'))!.stored.index!;
    const web = component('web', { 'backstage.io/kubernetes-label-selector': 'app=web' });
    const cache = new OwnerIndexCache({ loadEntities: async () => [web], mapping: {}, persistence: memoryPersistence() });
    const owners = await cache.get([index]);
    expect([...owners.keys()]).toEqual(['prod/web']);
  });
});

describe.each(databases.eachSupportedId())('OwnerIndexStore on %s', (databaseId: TestDatabaseId) => {
  it('keeps the newer of two replicas’ indexes', async () => {
    const db = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    const store = new OwnerIndexStore(db);
    await store.save({ signature: 's2', at: 2000, entries: [['c/n', { entities: ['e2'], owners: [] }]] });
    await store.save({ signature: 's1', at: 1000, entries: [] });
    expect(await store.load()).toEqual({ signature: 's2', at: 2000, entries: [['c/n', { entities: ['e2'], owners: [] }]] });
  });
});
