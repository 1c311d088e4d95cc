import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { clusterReport as report } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';
import { openDatabase } from './database';
import { KnownClusters } from './KnownClusters';
import { pruneStoredData } from './pruneStoredData';
import { ReportStore } from './ReportStore';
import { ScanLeases } from './ScanLeases';

jest.setTimeout(60_000);

const databases = storageTestDatabases();
const DAY = 86_400_000;

describe.each(databases.eachSupportedId())('pruneStoredData on %s', (databaseId: TestDatabaseId) => {
  it('deletes history past its retention and removed clusters past theirs, nothing else', async () => {
    const knex = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    const stores = { reports: new ReportStore(knex), known: new KnownClusters(knex), leases: new ScanLeases(knex) };
    await stores.reports.saveReport(report('kept', '2025-10-01T10:00:00.000Z', { shop: 'fail' }), 1);
    await stores.reports.saveReport(report('kept', '2026-11-20T10:00:00.000Z', { shop: 'pass' }), 1);
    await stores.reports.saveReport(report('gone', '2026-11-01T10:00:00.000Z', { web: 'pass' }), 1);
    await stores.reports.saveReport(report('recent', '2026-11-20T10:00:00.000Z', { api: 'pass' }), 1);
    const listed = (names: string[]) => names.map(name => ({ name, authProvider: 'serviceAccount' }));
    await stores.known.recordListing(listed(['kept', 'gone', 'recent']), '2026-11-01T00:00:00.000Z');
    await stores.known.recordListing(listed(['kept', 'recent']), '2026-11-02T00:00:00.000Z');
    await stores.known.recordListing(listed(['kept']), '2026-11-20T00:00:00.000Z');

    const result = await pruneStoredData(
      stores,
      { historyRetentionMs: 400 * DAY, removedClusterRetentionMs: 7 * DAY },
      new Date('2026-11-21T00:00:00.000Z'),
    );

    expect(result.droppedClusters).toEqual(['gone']);
    expect((await stores.reports.listClusterHeads()).map(c => c.cluster)).toEqual(['kept', 'recent']);
    const rows = await stores.reports.history({ sinceDay: '2000-01-01', cluster: 'kept' });
    const days = [...new Set(rows.map(r => r.day))];
    // 2025-10-01 is 416 days before: pruned. 2026-11-20 stays.
    expect(days).toEqual(['2026-11-20']);
    // The removed cluster's history ages out like any other.
    expect((await stores.reports.history({ sinceDay: '2000-01-01', cluster: 'gone' })).length).toBeGreaterThan(0);
  });
});
