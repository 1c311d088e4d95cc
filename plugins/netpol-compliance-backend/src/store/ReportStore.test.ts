import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { ReportStore } from './ReportStore';
import { clusterReport as report } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = storageTestDatabases();

describe('ReportStore', () => {
  it('runs against a real PostgreSQL when CI asks for it', () => {
    const ids = databases.eachSupportedId().map(([id]) => id as string);
    const wanted = process.env.NETPOL_REQUIRE_POSTGRES ? 'POSTGRES' : 'SQLITE';
    expect(ids.some(id => id.startsWith(wanted))).toBe(true);
  });

  describe.each(databases.eachSupportedId())('on %s', (databaseId: TestDatabaseId) => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return ReportStore.create(mockServices.database({ knex }));
    }

    it('keeps the latest report per cluster, as stored', async () => {
      const store = await createStore();
      await store.saveReport(report('a', '2026-11-20T10:00:00.000Z', { shop: 'fail' }), 120);
      await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'pass' }), 80);
      await store.saveReport(report('b', '2026-11-21T11:00:00.000Z', { web: 'fail' }), 50);
      const a = await store.getCluster('a');
      expect(a?.report?.namespaces[0].results[0].status).toBe('pass');
      expect(a?.durationMs).toBe(80);
      expect((await store.listClusterHeads()).map(c => c.cluster)).toEqual(['a', 'b']);
      const heads = await store.listClusterHeads();
      expect(heads[0].report).toBeUndefined();
      expect(heads[0].scannedAt).toBe('2026-11-21T10:00:00.000Z');
    });

    it('never loses the last good report when a scan fails', async () => {
      const store = await createStore();
      await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'pass' }), 80);
      await store.saveFailure({ name: 'a' }, '2026-11-21T11:00:00.000Z', 'connection refused');
      const a = await store.getCluster('a');
      expect(a?.report?.namespaces[0].namespace).toBe('shop');
      expect(a?.scannedAt).toBe('2026-11-21T10:00:00.000Z');
      expect(a?.lastAttemptAt).toBe('2026-11-21T11:00:00.000Z');
      expect(a?.lastError).toBe('connection refused');
      // A later success clears the error.
      await store.saveReport(report('a', '2026-11-21T12:00:00.000Z', { shop: 'pass' }), 80);
      expect((await store.getCluster('a'))?.lastError).toBeUndefined();
    });

    it('records a cluster that never scanned, without a report', async () => {
      const store = await createStore();
      await store.saveFailure({ name: 'dead', title: 'Dead' }, '2026-11-21T11:00:00.000Z', 'timeout');
      const dead = await store.getCluster('dead');
      expect(dead).toMatchObject({ cluster: 'dead', title: 'Dead', lastError: 'timeout' });
      expect(dead?.report).toBeUndefined();
    });

    it('keeps one history row per day, cluster, namespace and control', async () => {
      const store = await createStore();
      await store.saveReport(report('a', '2026-11-20T10:00:00.000Z', { shop: 'fail', web: 'fail' }), 1);
      await store.saveReport(report('a', '2026-11-21T08:00:00.000Z', { shop: 'fail', web: 'fail' }), 1);
      // Later the same day: shop fixed, web deleted. The day shows the latest state.
      await store.saveReport(report('a', '2026-11-21T18:00:00.000Z', { shop: 'pass' }), 1);
      const rows = await store.history({ sinceDay: '2026-11-20', control: 'NETPOL-001' });
      expect(rows).toEqual([
        { day: '2026-11-20', control: 'NETPOL-001', status: 'fail', count: 2 },
        { day: '2026-11-21', control: 'NETPOL-001', status: 'pass', count: 1 },
      ]);
    });

    it('stores a report with thousands of namespaces in one go', async () => {
      const store = await createStore();
      const many: Record<string, string> = {};
      for (let i = 0; i < 3000; i++) many[`ns-${i}`] = i % 2 ? 'pass' : 'fail';
      await store.saveReport(report('big', '2026-11-21T10:00:00.000Z', many), 1);
      const rows = await store.history({ sinceDay: '2026-11-21', cluster: 'big', control: 'NETPOL-001' });
      expect(rows.reduce((n, r) => n + r.count, 0)).toBe(3000);
    });
  });
});
