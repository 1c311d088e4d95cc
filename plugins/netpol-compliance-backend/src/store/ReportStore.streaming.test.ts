import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { splitReport } from './reportParts';
import { ReportStore } from './ReportStore';
import { clusterReport as report } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = storageTestDatabases();

/** Twenty namespaces, all with the same status: a mix of two reports shows as two statuses. */
function reportOf(scannedAt: string, status: string) {
  const statuses = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`ns-${String(i).padStart(2, '0')}`, status]));
  return report('a', scannedAt, statuses);
}

const OLD = '2026-11-21T10:00:00.000Z';
const NEW = '2026-11-21T11:00:00.000Z';

describe.each(databases.eachSupportedId())('ReportStore, rows written as a scan makes them, on %s', (databaseId: TestDatabaseId) => {
  async function open() {
    const knex = await databases.init(databaseId);
    const store = await ReportStore.create(mockServices.database({ knex }));
    await store.saveReport(reportOf(OLD, 'pass'), 5);
    return { knex, store };
  }

  /** What a reader sees: the scan its head names and every namespace's status, which must all agree. */
  async function read(store: ReportStore) {
    const found = await store.getIndex('a');
    const statuses = new Set(found?.stored.index?.namespaces.map(n => n.results[0].status));
    const whole = await store.getCluster('a');
    const wholeStatuses = new Set(whole?.report?.namespaces.map(n => n.results[0].status));
    return {
      scannedAt: found?.stored.scannedAt,
      count: found?.stored.index?.namespaces.length,
      statuses: [...statuses],
      whole: { scannedAt: whole?.scannedAt, count: whole?.report?.namespaces.length, statuses: [...wholeStatuses] },
    };
  }

  const OLD_VIEW = { scannedAt: OLD, count: 20, statuses: ['pass'], whole: { scannedAt: OLD, count: 20, statuses: ['pass'] } };
  const NEW_VIEW = { scannedAt: NEW, count: 20, statuses: ['fail'], whole: { scannedAt: NEW, count: 20, statuses: ['fail'] } };

  it('shows readers the previous complete report while a scan streams its rows, and the new one whole once it commits', async () => {
    const { store } = await open();
    const parts = splitReport(reportOf(NEW, 'fail'));
    const writing = store.beginReport('a', NEW);
    for (let i = 0; i < parts.namespaces.length; i += 7) {
      await writing.add(parts.namespaces.slice(i, i + 7));
      // Twenty readers at once between two batches: each sees the old report whole.
      const views = await Promise.all(Array.from({ length: 20 }, () => read(store)));
      for (const view of views) expect(view).toEqual(OLD_VIEW);
    }
    const saved = await writing.commit(parts.head, 5);
    expect(saved.stored).toBe(true);
    expect(saved.index.namespaces.map(n => n.namespace)).toEqual(parts.namespaces.map(n => n.namespace));
    expect(await read(store)).toEqual(NEW_VIEW);
  });

  it('never shows a mix to readers racing the commit', async () => {
    const { store } = await open();
    const parts = splitReport(reportOf(NEW, 'fail'));
    const writing = store.beginReport('a', NEW);
    await writing.add(parts.namespaces.slice(0, 10));
    const readers = Array.from({ length: 20 }, async () => {
      const views = [];
      for (let i = 0; i < 5; i++) views.push(await read(store));
      return views;
    });
    await writing.add(parts.namespaces.slice(10));
    await writing.commit(parts.head, 5);
    // The index and the whole report are two reads: the commit may land
    // between them, but each is one scan's report, whole.
    for (const { whole, ...index } of (await Promise.all(readers)).flat()) {
      expect([OLD_VIEW.whole, NEW_VIEW.whole]).toContainEqual(whole);
      expect([OLD_VIEW.whole, NEW_VIEW.whole]).toContainEqual(index);
    }
  });

  it('leaves the previous report intact, and none of its own rows, when a scan fails half way', async () => {
    const { knex, store } = await open();
    const parts = splitReport(reportOf(NEW, 'fail'));
    const writing = store.beginReport('a', NEW);
    await writing.add(parts.namespaces.slice(0, 10));
    await writing.abandon();
    expect(await read(store)).toEqual(OLD_VIEW);
    expect(await knex('netpol_namespace_reports').where({ cluster: 'a', scanned_at: NEW }).select('namespace')).toEqual([]);
    // A late batch of the abandoned scan (its worker was still sending) is not written either.
    await expect(writing.add(parts.namespaces.slice(10))).rejects.toThrow(/abandoned/);
    expect(await knex('netpol_namespace_reports').where({ cluster: 'a', scanned_at: NEW }).select('namespace')).toEqual([]);
  });

  it('deletes its own rows when a scan that started later was stored meanwhile', async () => {
    const { knex, store } = await open();
    const early = '2026-11-21T10:30:00.000Z';
    const parts = splitReport(reportOf(early, 'fail'));
    const writing = store.beginReport('a', early);
    await writing.add(parts.namespaces);
    await store.saveReport(reportOf(NEW, 'fail'), 5);
    expect((await writing.commit(parts.head, 5)).stored).toBe(false);
    expect(await read(store)).toEqual(NEW_VIEW);
    expect(await knex('netpol_namespace_reports').where({ cluster: 'a', scanned_at: early }).select('namespace')).toEqual([]);
  });

  it('deletes, at the next commit, rows a crashed scan left behind, but not those of a scan still running', async () => {
    const { knex, store } = await open();
    // A scan newer than the head that never committed (the process died)...
    const crashed = '2026-11-21T10:30:00.000Z';
    await store.beginReport('a', crashed).add(splitReport(reportOf(crashed, 'fail')).namespaces);
    // ...and one still being written by another replica.
    const running = new Date(Date.now() + 60_000).toISOString();
    await store.beginReport('a', running).add(splitReport(reportOf(running, 'fail')).namespaces.slice(0, 3));
    const now = new Date().toISOString();
    const parts = splitReport(reportOf(now, 'fail'));
    const writing = store.beginReport('a', now);
    await writing.add(parts.namespaces);
    expect((await writing.commit(parts.head, 5)).stored).toBe(true);
    const scans = await knex('netpol_namespace_reports').where({ cluster: 'a' }).distinct('scanned_at');
    expect(scans.map(r => r.scanned_at).sort()).toEqual([now, running]);
  });
});
