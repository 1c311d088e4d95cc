import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { ReportStore } from './ReportStore';
import { clusterReport as report } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = storageTestDatabases();

describe.each(databases.eachSupportedId())('ReportStore write order on %s', (databaseId: TestDatabaseId) => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    return ReportStore.create(mockServices.database({ knex }));
  }

  it('never lets a scan that started earlier replace a report that started later', async () => {
    const store = await createStore();
    // The 10:05 scan ends first; the slow 10:00 scan ends after it.
    const late = await store.saveReport(report('a', '2026-11-21T10:05:00.000Z', { shop: 'pass' }), 10);
    const early = await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'fail' }), 300);
    expect(late.stored).toBe(true);
    expect(early.stored).toBe(false);
    const a = await store.getCluster('a');
    expect(a?.scannedAt).toBe('2026-11-21T10:05:00.000Z');
    expect(a?.report?.namespaces[0].results[0].status).toBe('pass');
    expect(a?.durationMs).toBe(10);
  });

  it('keeps the later scan’s history rows for the day', async () => {
    const store = await createStore();
    await store.saveReport(report('a', '2026-11-21T10:05:00.000Z', { shop: 'pass', web: 'pass' }), 10);
    await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'fail' }), 300);
    const rows = await store.history({ sinceDay: '2026-11-21', control: 'NETPOL-001' });
    expect(rows).toEqual([{ day: '2026-11-21', control: 'NETPOL-001', status: 'pass', count: 2 }]);
  });

  it('still writes the history of an earlier day that a late scan brings', async () => {
    const store = await createStore();
    await store.saveReport(report('a', '2026-11-22T00:05:00.000Z', { shop: 'pass' }), 10);
    // Started before midnight, ended after the 00:05 scan: yesterday had no rows yet.
    await store.saveReport(report('a', '2026-11-21T23:59:00.000Z', { shop: 'fail' }), 600);
    const rows = await store.history({ sinceDay: '2026-11-21', control: 'NETPOL-001' });
    expect(rows).toEqual([
      { day: '2026-11-21', control: 'NETPOL-001', status: 'fail', count: 1 },
      { day: '2026-11-22', control: 'NETPOL-001', status: 'pass', count: 1 },
    ]);
    expect((await store.getCluster('a'))?.scannedAt).toBe('2026-11-22T00:05:00.000Z');
  });

  it('keeps the failure of a later attempt when an earlier scan ends after it', async () => {
    const store = await createStore();
    await store.saveFailure({ name: 'a' }, '2026-11-21T10:05:00.000Z', 'timed out');
    await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'pass' }), 300);
    const a = await store.getCluster('a');
    // The report is the newest one there is, and the later attempt's failure still shows.
    expect(a?.scannedAt).toBe('2026-11-21T10:00:00.000Z');
    expect(a?.lastAttemptAt).toBe('2026-11-21T10:05:00.000Z');
    expect(a?.lastError).toBe('timed out');
  });

  it('ignores a failure older than the attempt already recorded', async () => {
    const store = await createStore();
    await store.saveReport(report('a', '2026-11-21T10:05:00.000Z', { shop: 'pass' }), 10);
    await store.saveFailure({ name: 'a' }, '2026-11-21T10:00:00.000Z', 'timed out');
    const a = await store.getCluster('a');
    expect(a?.lastAttemptAt).toBe('2026-11-21T10:05:00.000Z');
    expect(a?.lastError).toBeUndefined();
  });

  it('prunes history before a day, and drops removed clusters’ reports', async () => {
    const store = await createStore();
    await store.saveReport(report('a', '2025-01-01T10:00:00.000Z', { shop: 'fail' }), 1);
    await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'pass' }), 1);
    expect(await store.pruneHistory('2026-01-01')).toBeGreaterThan(0);
    const rows = await store.history({ sinceDay: '2000-01-01', control: 'NETPOL-001' });
    expect(rows.map(r => r.day)).toEqual(['2026-11-21']);
    await store.deleteClusters(['a']);
    expect(await store.getCluster('a')).toBeUndefined();
  });
});
