import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { clusterReport as report } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';
import { migrationsDir, openDatabase } from './database';
import { ReportStore } from './ReportStore';

jest.setTimeout(60_000);

const databases = storageTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %s', (databaseId: TestDatabaseId) => {
  it('roll back the bookkeeping, but refuse to drop reports and history silently', async () => {
    const knex = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    await new ReportStore(knex).saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'pass' }), 1);
    // The narrow summaries first: the namespace rows still hold theirs.
    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('netpol_namespace_summaries')).toBe(false);
    const rows = await knex('netpol_namespace_reports').select('summary');
    expect(rows.map(r => JSON.parse(r.summary).results[0].status)).toEqual(['pass']);
    // Namespace rows next: each report is put back whole, as earlier code reads it.
    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('netpol_namespace_reports')).toBe(false);
    const whole = JSON.parse((await knex('netpol_clusters').where({ cluster: 'a' }).first('report')).report);
    expect(whole.namespaces.map((n: any) => [n.namespace, n.results[0].status])).toEqual([['shop', 'pass']]);
    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('netpol_scan_leases')).toBe(false);
    await expect(knex.migrate.down({ directory: migrationsDir })).rejects.toThrow(
      /Refusing to roll back.*NETPOL_COMPLIANCE_ALLOW_DATA_LOSS=true/,
    );
    expect(await new ReportStore(knex).history({ sinceDay: '2026-11-21' })).toEqual([
      { day: '2026-11-21', control: 'NETPOL-001', status: 'pass', count: 1 },
      { day: '2026-11-21', control: 'NETPOL-002', status: 'pass', count: 1 },
    ]);
    expect((await knex('netpol_clusters').select('cluster')).map(r => r.cluster)).toEqual(['a']);
  });
});

describe.each(databases.eachSupportedId())('namespace rows on %s', (databaseId: TestDatabaseId) => {
  it('read the summaries of rows written before the summary table from the rows themselves', async () => {
    const knex = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    const store = new ReportStore(knex);
    const old = report('a', '2026-11-21T10:00:00.000Z', { shop: 'fail', web: 'pass' });
    await store.saveReport(old, 5);
    // As the code before migration 20261204000000 left them: no summary rows.
    await knex('netpol_namespace_summaries').delete();
    const index = (await store.getIndex('a'))?.stored.index;
    expect(index?.namespaces.map(n => [n.namespace, n.results[0].status, n.workloadLabels])).toEqual([
      ['shop', 'fail', []],
      ['web', 'pass', []],
    ]);
    // The next scan writes both, and leaves no rows of the old one in either table.
    await store.saveReport(report('a', '2026-11-21T11:00:00.000Z', { web: 'fail' }), 5);
    expect(await knex('netpol_namespace_summaries').select('namespace', 'scanned_at')).toEqual([
      { namespace: 'web', scanned_at: '2026-11-21T11:00:00.000Z' },
    ]);
    expect((await store.getIndex('a'))?.stored.index?.namespaces.map(n => [n.namespace, n.results[0].status])).toEqual([['web', 'fail']]);
    await store.deleteClusters(['a']);
    expect(await knex('netpol_namespace_summaries').select('namespace')).toEqual([]);
  });

  it('split a report stored whole before them on its first read, and serve it the same', async () => {
    const knex = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    const legacy = report('a', '2026-11-21T10:00:00.000Z', { shop: 'fail', web: 'pass' });
    // As the first migration's code stored it: one document, no format.
    await knex('netpol_clusters').insert({
      cluster: 'a', report: JSON.stringify(legacy), scanned_at: legacy.scannedAt, duration_ms: 5, last_attempt_at: legacy.scannedAt,
    });
    const store = new ReportStore(knex);
    const found = await store.getIndex('a');
    expect(found?.stored.index?.namespaces.map(n => [n.namespace, n.results[0].status])).toEqual([['shop', 'fail'], ['web', 'pass']]);
    const row = await knex('netpol_clusters').where({ cluster: 'a' }).first('report', 'report_format');
    expect(row.report_format).toBe(2);
    expect(JSON.parse(row.report).namespaces).toBeUndefined();
    expect((await store.getCluster('a'))?.report).toEqual(legacy);
  });
});
