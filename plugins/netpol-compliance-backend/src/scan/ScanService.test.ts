import { mockServices } from '@backstage/backend-test-utils';
import { openDatabase } from '../store/database';
import { KnownClusters } from '../store/KnownClusters';
import { storageTestDatabases } from '../__testUtils__/testDatabases';
import { clusterReport } from '../__testUtils__/clusterReport';
import { FakeScanner, replica, settle } from '../__testUtils__/scanHarness';

jest.setTimeout(60_000);

const databases = storageTestDatabases();
const sa = (name: string) => ({ name, title: name.toUpperCase(), authProvider: 'serviceAccount' });
const FIVE = ['a', 'b', 'c', 'd', 'e'].map(sa);

async function database() {
  return openDatabase(mockServices.database({ knex: await databases.init('SQLITE_3') }));
}

describe('ScanService: scans that cannot pile up', () => {
  it('gives 20 on-demand requests for one cluster one scan, all joined', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    scanner.held.add('a');
    const { scans } = replica(db, { name: 'r1', scanner, clusters: [sa('a')] });
    const started = await Promise.all(Array.from({ length: 20 }, () => scans.startScanOf('a')));
    await settle();
    expect(scanner.count('a')).toBe(1);
    scanner.finish('a');
    const outcomes = await Promise.all(started.map(s => s.done));
    expect(outcomes.every(o => o.clusters[0].ok)).toBe(true);
    expect(scanner.count('a')).toBe(1);
  });

  it('runs background and on-demand scans in one queue bounded by clusterConcurrency', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    for (const c of FIVE) scanner.held.add(c.name);
    const { scans } = replica(db, { name: 'r1', scanner, clusters: FIVE, concurrency: 2 });
    const all = scans.scanAll();
    const single = await scans.startScanOf('e');
    await settle();
    expect(scanner.running).toBe(2);
    for (const c of FIVE) scanner.finish(c.name);
    // Finished gates let the queued ones through; release them as they start.
    for (let i = 0; i < 5 && scanner.started.length < 5; i++) {
      await settle();
      for (const c of FIVE) scanner.finish(c.name);
    }
    await Promise.all([all, single.done]);
    expect(scanner.peak).toBe(2);
    expect(FIVE.map(c => scanner.count(c.name))).toEqual([1, 1, 1, 1, 1]);
  });

  it('refuses on-demand scans beyond the waiting bound with a 503', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    for (const c of FIVE) scanner.held.add(c.name);
    const { scans } = replica(db, { name: 'r1', scanner, clusters: FIVE, concurrency: 1, maxWaiting: 2 });
    const accepted = [await scans.startScanOf('a'), await scans.startScanOf('b'), await scans.startScanOf('c')];
    await settle();
    await expect(scans.startScanOf('d')).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
    // Joining a scan already queued is always allowed.
    await expect(scans.startScanOf('c')).resolves.toBeDefined();
    for (const c of FIVE) scanner.held.delete(c.name);
    for (const c of FIVE) scanner.finish(c.name);
    await Promise.all(accepted.map(a => a.done));
  });

  it('takes a request for another cluster while a scheduled pass has a large fleet queued', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    const fleet = Array.from({ length: 30 }, (_, i) => sa(`c${i}`));
    for (const c of fleet) scanner.held.add(c.name);
    const { scans, store } = replica(db, {
      name: 'r1',
      scanner,
      clusters: [...fleet, sa('fresh')],
      concurrency: 3,
      maxWaiting: 20,
      renewal: { everyMs: 3_600_000 },
    });
    await store.saveReport(clusterReport('fresh', new Date().toISOString(), { shop: 'pass' }), 1);
    const pass = scans.scanDue();
    await settle(200);
    expect(scanner.running).toBe(3);
    const asked = await scans.startScanOf('fresh');
    // The request goes before the pass's backlog: the next free slot is its.
    scanner.finish(scanner.started[0]);
    const outcome = await asked.done;
    expect(outcome.clusters[0]).toMatchObject({ name: 'fresh', ok: true });
    expect(scanner.started.indexOf('fresh')).toBe(3);
    for (let i = 0; i < 40 && scanner.running; i++) {
      for (const c of fleet) scanner.finish(c.name);
      await settle(20);
    }
    await pass;
  });

  it('lets go of the lease when the database fails right after it was taken', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    const { scans, store, leases } = replica(db, { name: 'r1', scanner, clusters: [sa('a')] });
    jest.spyOn(store, 'getClusterHead').mockRejectedValueOnce(new Error('connection reset'));
    const failed = await (await scans.startScanOf('a')).done;
    expect(failed.clusters[0]).toMatchObject({ ok: false, error: expect.stringContaining('could not start') });
    expect(await leases.listHeld()).toEqual([]);
    // And the next request scans at once, not after the lease expires.
    const next = await (await scans.startScanOf('a')).done;
    expect(next.clusters[0].ok).toBe(true);
    expect(scanner.count('a')).toBe(1);
  });
});

describe('ScanService: two replicas on one database', () => {
  it('scans each cluster once when both replicas scan all at once; the other joins', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    for (const c of FIVE) scanner.held.add(c.name);
    const r1 = replica(db, { name: 'r1', scanner, clusters: FIVE });
    const r2 = replica(db, { name: 'r2', scanner, clusters: FIVE });
    const both = [r1.scans.scanAll(), r2.scans.scanAll()];
    await settle(200);
    for (let i = 0; i < 20 && scanner.started.length < 5; i++) {
      for (const c of FIVE) scanner.finish(c.name);
      await settle(100);
    }
    for (const c of FIVE) scanner.finish(c.name);
    const [s1, s2] = await Promise.all(both);
    expect(FIVE.map(c => scanner.count(c.name))).toEqual([1, 1, 1, 1, 1]);
    const joined = [...s1.clusters, ...s2.clusters].filter(c => c.joined);
    expect(joined).toHaveLength(5);
    expect([...s1.clusters, ...s2.clusters].every(c => c.ok)).toBe(true);
  });

  it('shows the auth provider one replica learned on the other', async () => {
    const db = await database();
    const clusters = [sa('a'), { name: 'sso', authProvider: 'oidc', oidcTokenProvider: 'okta' }];
    const r1 = replica(db, { name: 'r1', scanner: new FakeScanner(), clusters });
    const r2 = replica(db, { name: 'r2', scanner: new FakeScanner(), clusters: [] });
    await r1.scans.scanAll();
    expect(r2.scans.clusterInfo('sso')).toBeUndefined();
    await r2.scans.storedClusters();
    expect(r2.scans.clusterInfo('sso')).toEqual({ name: 'sso', title: undefined, authProvider: 'oidc', oidcTokenProvider: 'okta' });
  });

  it('loads another replica’s new report once for a burst of concurrent reads', async () => {
    const db = await database();
    const r1 = replica(db, { name: 'r1', scanner: new FakeScanner(), clusters: [sa('a')] });
    const r2 = replica(db, { name: 'r2', scanner: new FakeScanner(), clusters: [sa('a')] });
    await r1.scans.scanAll();
    await r2.scans.storedClusters();
    const later = new Date(Date.now() + 1000).toISOString();
    await r1.store.saveReport(clusterReport('a', later, { shop: 'fail' }), 3);
    const load = jest.spyOn(r2.store, 'getIndex');
    const reads = await Promise.all(Array.from({ length: 10 }, () => r2.scans.storedClusters()));
    expect(load).toHaveBeenCalledTimes(1);
    expect(reads.every(r => r[0].scannedAt === later)).toBe(true);
  });

  it('keeps the in-memory cache within its bound', async () => {
    const db = await database();
    const r1 = replica(db, { name: 'r1', scanner: new FakeScanner(), clusters: FIVE, cacheChars: 1200 });
    await r1.scans.scanAll();
    const stored = await r1.scans.storedClusters();
    expect(stored).toHaveLength(5);
    expect(stored.every(c => c.report)).toBe(true);
    expect(r1.cache.size).toBeGreaterThan(0);
    expect(r1.cache.size).toBeLessThanOrEqual(1200);
  });
});

describe('ScanService: the scheduled run', () => {
  it('ends on its signal: the slow cluster is recorded as failed, the queued ones not started', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    scanner.held.add('a');
    const { scans, store } = replica(db, { name: 'r1', scanner, clusters: FIVE, concurrency: 1 });
    const deadline = new AbortController();
    const run = scans.scanAll({ signal: deadline.signal });
    await settle();
    deadline.abort();
    const summary = await run;
    expect(scanner.started).toEqual(['a']);
    expect(summary.clusters.find(c => c.name === 'a')).toMatchObject({ ok: false, error: expect.stringMatching(/timed out/) });
    expect(summary.clusters.filter(c => c.name !== 'a').every(c => !c.ok && /ran out of time/.test(c.error!))).toBe(true);
    expect((await store.getClusterHead('a'))?.lastError).toMatch(/timed out/);
  });

  it('keeps scanning the other clusters, and the full scan running, when recording a failure fails', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    scanner.held.add('b');
    const clusters = [{ name: 'sso', authProvider: 'oidc' }, sa('b')];
    const { scans, store } = replica(db, { name: 'r1', scanner, clusters });
    jest.spyOn(store, 'saveFailure').mockRejectedValue(new Error('database is gone'));
    const run = scans.scanAll();
    await settle();
    // The failure of sso could not be recorded; b still runs, and a second
    // request joins the same full scan instead of starting another.
    const joined = scans.scanAll();
    scanner.finish('b');
    const [first, second] = await Promise.all([run, joined]);
    expect(first).toBe(second);
    expect(scanner.count('b')).toBe(1);
    expect(first.clusters.find(c => c.name === 'b')?.ok).toBe(true);
    expect((await store.getCluster('b'))?.report).toBeDefined();
  });

  it('scans the cluster with the oldest report first', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    const { scans, store } = replica(db, { name: 'r1', scanner, clusters: FIVE, concurrency: 1 });
    await store.saveReport(clusterReport('a', new Date(Date.now() - 60_000).toISOString(), {}), 1);
    await store.saveReport(clusterReport('b', new Date(Date.now() - 120_000).toISOString(), {}), 1);
    await scans.scanAll();
    expect(scanner.started).toEqual(['c', 'd', 'e', 'b', 'a']);
  });

  it('warns once about per-cluster config naming no known cluster', async () => {
    const db = await database();
    const { scans, logger } = replica(db, { name: 'r1', scanner: new FakeScanner(), clusters: FIVE, configuredClusters: ['a', 'prod-typo'] });
    await scans.scanAll();
    await scans.scanAll();
    const warnings = (logger.warn as jest.Mock).mock.calls.filter(([m]) => /prod-typo/.test(m));
    expect(warnings).toHaveLength(1);
  });

  it('marks a report older than the limit stale', async () => {
    const db = await database();
    const { scans, store } = replica(db, { name: 'r1', scanner: new FakeScanner(), clusters: [], staleAfterMs: 3_600_000 });
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await store.saveReport(clusterReport('old', ago(150), { shop: 'pass' }), 1);
    await store.saveReport(clusterReport('new', ago(30), { shop: 'pass' }), 1);
    const stored = await scans.storedClusters();
    expect(stored.find(c => c.cluster === 'old')?.stale?.reason).toMatch(/3 h old/);
    expect(stored.find(c => c.cluster === 'new')?.stale).toBeUndefined();
  });

  it('stops a scan whose lease another replica took, without writing its report', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    scanner.held.add('a');
    // Renewed every 100 ms.
    const { scans, store } = replica(db, { name: 'r1', scanner, clusters: [sa('a')], leaseTtlMs: 300 });
    const run = scans.scanAll();
    await settle(100);
    // As if r1 had stalled past its lease and another replica took it over.
    await db('netpol_scan_leases').where({ cluster: 'a' }).update({ holder: 'r2' });
    const summary = await run;
    expect(summary.clusters[0]).toMatchObject({ ok: false, error: 'another replica took over this scan' });
    expect(await store.getClusterHead('a')).toBeUndefined();
  });

  it('writes an unchanged cluster listing once, not on every on-demand scan', async () => {
    const db = await database();
    const record = jest.spyOn(KnownClusters.prototype, 'recordListing');
    const { scans } = replica(db, { name: 'r1', scanner: new FakeScanner(), clusters: FIVE });
    for (let i = 0; i < 5; i++) await (await scans.startScanOf('a')).done;
    expect(record).toHaveBeenCalledTimes(1);
    record.mockRestore();
  });
});
