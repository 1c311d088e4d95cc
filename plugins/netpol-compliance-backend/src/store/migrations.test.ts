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
