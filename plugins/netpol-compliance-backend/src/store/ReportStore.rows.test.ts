import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { insertNamespaceRows } from './namespaceRows';
import { loadWorkloadLabels, splitReport } from './reportParts';
import { ReportReplacedError } from './namespaceRows';
import { ReportStore } from './ReportStore';
import { clusterReport as report } from '../__testUtils__/clusterReport';
import { storageTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = storageTestDatabases();

describe.each(databases.eachSupportedId())('ReportStore namespace rows on %s', (databaseId: TestDatabaseId) => {
  async function open() {
    const knex = await databases.init(databaseId);
    const store = await ReportStore.create(mockServices.database({ knex }));
    return { knex, store };
  }

  it('stores one row per namespace and a head without namespaces, never one document for the cluster', async () => {
    const { knex, store } = await open();
    const whole = report('a', '2026-11-21T10:00:00.000Z', { shop: 'fail', web: 'pass', db: 'pass' });
    await store.saveReport(whole, 5);
    const head = JSON.parse((await knex('netpol_clusters').where({ cluster: 'a' }).first('report')).report);
    expect(head.namespaces).toBeUndefined();
    expect(head.results[0].control).toBe('NETPOL-002');
    const rows = await knex('netpol_namespace_reports').where({ cluster: 'a' }).orderBy('namespace').select('namespace', 'report');
    expect(rows.map(r => r.namespace)).toEqual(['db', 'shop', 'web']);
    expect(JSON.parse(rows[1].report)).toEqual(whole.namespaces[0]);
    expect((await store.getCluster('a'))?.report?.namespaces.map(n => n.namespace)).toEqual(['db', 'shop', 'web']);
  });

  it('answers one namespace without the others, and its index has no evidence', async () => {
    const { store } = await open();
    const whole = report('a', '2026-11-21T10:00:00.000Z', { shop: 'fail', web: 'pass' });
    whole.namespaces[0].results[0].evidence = { notes: ['a long note only the entity view shows'] };
    await store.saveReport(whole, 5);
    const found = await store.getIndex('a');
    await loadWorkloadLabels([found?.stored.index]);
    expect(JSON.stringify(found?.stored.index)).not.toContain('long note');
    expect(found?.stored.index?.namespaces.map(n => n.namespace)).toEqual(['shop', 'web']);
    const [shop, ...rest] = await store.getNamespaces('a', whole.scannedAt, ['shop', 'nowhere']);
    expect(rest).toEqual([]);
    expect(shop.report.results[0].evidence.notes).toEqual(['a long note only the entity view shows']);
  });

  it('reads an index’s outcomes first and its label sets only when a reader asks, all of them', async () => {
    const { store } = await open();
    // More namespaces than one label read takes (250), so the read is paged.
    const names = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`ns-${String(i).padStart(3, '0')}`, 'pass' as const]));
    const whole = report('a', '2026-11-21T10:00:00.000Z', names);
    whole.namespaces.forEach((ns, i) => (ns.workloads = [{ kind: 'Deployment', name: 'w', labels: { app: `app-${i}` } } as any]));
    await store.saveReport(whole, 5);
    const index = (await store.getIndex('a'))!.stored.index!;
    expect(index.namespaces).toHaveLength(600);
    // Read before loading: an error, never an empty list a selector would match nothing in.
    expect(() => index.namespaces[0].workloadLabels).toThrow(/not loaded yet/);
    const chars = await index.loadLabels!();
    expect(chars).toBeGreaterThan(0);
    expect(index.namespaces.map(n => n.workloadLabels[0].app)).toEqual(whole.namespaces.map((_, i) => `app-${i}`));
    expect(await index.loadLabels!()).toBe(chars);
  });

  it('says the report was replaced when a newer scan deleted its rows before its label sets were read', async () => {
    const { store } = await open();
    await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'pass', web: 'pass' }), 5);
    const index = (await store.getIndex('a'))!.stored.index!;
    await store.saveReport(report('a', '2026-11-21T11:00:00.000Z', { web: 'fail' }), 5);
    await expect(index.loadLabels!()).rejects.toBeInstanceOf(ReportReplacedError);
  });

  it('never answers a newer head with an older scan’s rows, and a late older scan leaves the rows alone', async () => {
    const { knex, store } = await open();
    const late = report('a', '2026-11-21T10:05:00.000Z', { shop: 'pass', web: 'pass' });
    await store.saveReport(late, 5);
    const early = report('a', '2026-11-21T10:00:00.000Z', { shop: 'fail' });
    expect((await store.saveReport(early, 5)).stored).toBe(false);
    const rows = await knex('netpol_namespace_reports').where({ cluster: 'a' }).select('namespace', 'scanned_at');
    expect(rows.map(r => [r.namespace, r.scanned_at]).sort()).toEqual([
      ['shop', late.scannedAt],
      ['web', late.scannedAt],
    ]);
    expect(await store.getNamespaces('a', early.scannedAt, ['shop'])).toEqual([]);
    const newer = report('a', '2026-11-21T11:00:00.000Z', { web: 'fail' });
    await store.saveReport(newer, 5);
    // The namespace deleted since is gone, not left over from the 10:05 scan.
    expect((await store.getIndex('a'))?.stored.index?.namespaces.map(n => n.namespace)).toEqual(['web']);
    expect(await store.getNamespaces('a', late.scannedAt, ['shop', 'web'])).toEqual([]);
  });

  it('leaves alone the rows another replica is writing for a newer scan, and shows them once its head lands', async () => {
    const { store } = await open();
    const newer = report('a', '2026-11-21T10:10:00.000Z', { shop: 'pass', web: 'fail' });
    const parts = splitReport(newer);
    // The newer scan's rows are written first, in small commits; its head comes last.
    await insertNamespaceRows((store as any).db, 'a', newer.scannedAt, parts.namespaces);
    await store.saveReport(report('a', '2026-11-21T10:05:00.000Z', { shop: 'fail' }), 5);
    expect((await store.getIndex('a'))?.stored.index?.namespaces.map(n => n.namespace)).toEqual(['shop']);
    expect((await store.saveParts(parts, 5)).stored).toBe(true);
    const index = (await store.getIndex('a'))?.stored.index;
    expect(index?.namespaces.map(n => [n.namespace, n.results[0].status])).toEqual([['shop', 'pass'], ['web', 'fail']]);
    expect((await store.getNamespaces('a', newer.scannedAt, ['web']))[0].report).toEqual(newer.namespaces[1]);
  });

  it('drops a cluster’s namespace rows with the cluster', async () => {
    const { knex, store } = await open();
    await store.saveReport(report('a', '2026-11-21T10:00:00.000Z', { shop: 'pass' }), 5);
    await store.deleteClusters(['a']);
    expect(await knex('netpol_namespace_reports').count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    expect(Number((await knex('netpol_namespace_reports').count({ n: '*' }))[0].n)).toBe(0);
  });
});
