import { mockServices } from '@backstage/backend-test-utils';
import type { KubernetesClusterInfo } from '../kubernetes/KubernetesBackendClient';
import { openDatabase } from '../store/database';
import { NamespaceRow, splitReport } from '../store/reportParts';
import { storageTestDatabases } from '../__testUtils__/testDatabases';
import { clusterReport } from '../__testUtils__/clusterReport';
import { FakeScanner, replica, settle } from '../__testUtils__/scanHarness';
import type { RowSink } from './ClusterScanner';

jest.setTimeout(60_000);

const databases = storageTestDatabases();
const cluster = { name: 'a', title: 'A', authProvider: 'serviceAccount' };

/**
 * A scanner that hands its namespace rows to the job as it makes them, the
 * way the worker does, and stops half way when the test says so: after the
 * first half it waits, then either fails or sends the rest and its head.
 */
class StreamingScanner {
  readonly halfway: Promise<void>;
  private reachedHalf!: () => void;
  private resume!: (how: 'finish' | 'fail' | 'lose-namespaces') => void;
  private readonly resumed: Promise<'finish' | 'fail' | 'lose-namespaces'>;

  constructor(private readonly scannedAt: string) {
    this.halfway = new Promise(resolve => (this.reachedHalf = resolve));
    this.resumed = new Promise(resolve => (this.resume = resolve));
  }

  async scan(c: KubernetesClusterInfo, options: { onRows?: RowSink } = {}) {
    const parts = splitReport(clusterReport(c.name, this.scannedAt, Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`ns-${String(i).padStart(2, '0')}`, 'fail']),
    )));
    const send = async (rows: NamespaceRow[]) => {
      for (let i = 0; i < rows.length; i += 10) await options.onRows!(rows.slice(i, i + 10), this.scannedAt);
    };
    await send(parts.namespaces.slice(0, 20));
    this.reachedHalf();
    const how = await this.resumed;
    if (how === 'fail') throw new Error('the worker died');
    await send(parts.namespaces.slice(20));
    if (how === 'lose-namespaces') parts.head.errors.push({ resource: 'namespaces', reason: 'Namespace list failed: 403' });
    return { parts: { head: parts.head, namespaces: [] }, durationMs: 5, skipped: {} };
  }

  go(how: 'finish' | 'fail' | 'lose-namespaces') {
    this.resume(how);
  }
}

describe.each(databases.eachSupportedId())('a scan that stores its rows as they come, on %s', databaseId => {
  async function setUp() {
    const db = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    // The previous report: every namespace passes.
    const first = replica(db, { name: 'r1', scanner: new FakeScanner(), clusters: [cluster] });
    await (await first.scans.startScanOf('a')).done;
    const scanner = new StreamingScanner(new Date(Date.now() + 1000).toISOString());
    const r = replica(db, { name: 'r1', scanner: scanner as unknown as FakeScanner, clusters: [cluster] });
    return { db, scanner, ...r };
  }

  /** Each namespace's status as the pages read them, and which scan they come from. */
  async function pageView(scans: Awaited<ReturnType<typeof setUp>>['scans']) {
    const [c] = await scans.clusterIndexes();
    return { scannedAt: c.scannedAt, statuses: [...new Set(c.index?.namespaces.map(n => n.results[0].status))], count: c.index?.namespaces.length };
  }

  it('serves the previous complete report while the rows stream in, to twenty requests at once, and the new one once it ends', async () => {
    const { scanner, scans, store } = await setUp();
    const before = await pageView(scans);
    expect(before).toMatchObject({ statuses: ['pass'], count: 1 });
    const { done } = await scans.startScanOf('a');
    await scanner.halfway;
    // A fresh cache too (another replica, or after a restart) reads the old report whole.
    const fresh = replica((store as any).db, { name: 'r2', scanner: new FakeScanner(), clusters: [cluster], store });
    const views = await Promise.all([
      ...Array.from({ length: 10 }, () => pageView(scans)),
      ...Array.from({ length: 10 }, () => pageView(fresh.scans)),
    ]);
    for (const view of views) expect(view).toEqual(before);
    scanner.go('finish');
    expect((await done).clusters[0]).toMatchObject({ ok: true });
    expect(await pageView(scans)).toEqual({ scannedAt: expect.any(String), statuses: ['fail'], count: 40 });
    expect(await pageView(fresh.scans)).toEqual(await pageView(scans));
  });

  it('leaves the previous report intact, and none of the failed scan’s rows, when the scan fails half way', async () => {
    const { db, scanner, scans } = await setUp();
    const before = await pageView(scans);
    const { done } = await scans.startScanOf('a');
    await scanner.halfway;
    scanner.go('fail');
    expect((await done).clusters[0]).toMatchObject({ ok: false });
    await settle();
    expect(await pageView(scans)).toEqual(before);
    const scansStored = await db('netpol_namespace_reports').where({ cluster: 'a' }).distinct('scanned_at');
    expect(scansStored.map(r => r.scanned_at)).toEqual([before.scannedAt]);
    const [c] = await scans.clusterIndexes();
    expect(c.lastError).toBeDefined();
  });

  it('deletes the rows of a scan whose namespace list failed, and keeps the previous report', async () => {
    const { db, scanner, scans } = await setUp();
    const before = await pageView(scans);
    const { done } = await scans.startScanOf('a');
    await scanner.halfway;
    scanner.go('lose-namespaces');
    expect((await done).clusters[0]).toMatchObject({ ok: false, error: 'Namespace list failed: 403' });
    expect(await pageView(scans)).toEqual(before);
    const scansStored = await db('netpol_namespace_reports').where({ cluster: 'a' }).distinct('scanned_at');
    expect(scansStored.map(r => r.scanned_at)).toEqual([before.scannedAt]);
  });
});
