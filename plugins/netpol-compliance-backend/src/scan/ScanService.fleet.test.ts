import { mockServices } from '@backstage/backend-test-utils';
import { openDatabase } from '../store/database';
import { storageTestDatabases } from '../__testUtils__/testDatabases';
import { clusterReport } from '../__testUtils__/clusterReport';
import { FakeScanner, replica, settle } from '../__testUtils__/scanHarness';

jest.setTimeout(60_000);

const databases = storageTestDatabases();
const sa = (name: string) => ({ name, title: name.toUpperCase(), authProvider: 'serviceAccount' });
const FLEET = Array.from({ length: 8 }, (_, i) => sa(`c${i}`));
const HOUR = 3_600_000;

async function database() {
  return openDatabase(mockServices.database({ knex: await databases.init('SQLITE_3') }));
}

/** Lets held scans end one round at a time until `done` settles. */
async function drain(scanner: FakeScanner, done: Promise<unknown>) {
  let settled = false;
  done.then(() => (settled = true), () => (settled = true));
  for (let i = 0; i < 200 && !settled; i++) {
    await settle(30);
    for (const c of FLEET) scanner.finish(c.name);
  }
}

describe('ScanService.scanDue: replicas share the fleet', () => {
  it('divides a fleet pass between two replicas, scanning each cluster exactly once', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    for (const c of FLEET) scanner.held.add(c.name);
    const r1 = replica(db, { name: 'r1', scanner, clusters: FLEET, concurrency: 2, renewal: { everyMs: HOUR } });
    const r2 = replica(db, { name: 'r2', scanner, clusters: FLEET, concurrency: 2, renewal: { everyMs: HOUR } });
    const passes = Promise.all([r1.scans.scanDue(), r2.scans.scanDue()]);
    await drain(scanner, passes);
    await passes;
    expect(FLEET.map(c => scanner.count(c.name))).toEqual(FLEET.map(() => 1));
    const own1 = r1.activity.snapshot().scanned.map(s => s.cluster);
    const own2 = r2.activity.snapshot().scanned.map(s => s.cluster);
    // Both took work, neither took a cluster twice, together they took all.
    expect(own1.length).toBeGreaterThan(0);
    expect(own2.length).toBeGreaterThan(0);
    expect([...own1, ...own2].sort()).toEqual(FLEET.map(c => c.name).sort());
    expect(scanner.peak).toBeLessThanOrEqual(4);
  });

  it('leaves a cluster another replica is scanning to it, without waiting for it', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    scanner.held.add('c0');
    const clusters = [sa('c0'), sa('c1')];
    const r1 = replica(db, { name: 'r1', scanner, clusters, renewal: { everyMs: HOUR } });
    const r2 = replica(db, { name: 'r2', scanner, clusters, renewal: { everyMs: HOUR } });
    const slow = r1.scans.startScanOf('c0');
    await settle(100);
    const pass = await r2.scans.scanDue();
    expect(pass.clusters.find(c => c.name === 'c0')).toMatchObject({ joined: true });
    expect(pass.clusters.find(c => c.name === 'c1')).toMatchObject({ ok: true });
    expect(scanner.count('c0')).toBe(1);
    scanner.finish('c0');
    await (await slow).done;
  });

  it('scans only the clusters due: never scanned, or last attempted a period ago', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    const clusters = [sa('fresh'), sa('old'), sa('new')];
    const { scans, store } = replica(db, { name: 'r1', scanner, clusters, concurrency: 1, renewal: { everyMs: HOUR } });
    await store.saveReport(clusterReport('fresh', new Date(Date.now() - 60_000).toISOString(), {}), 1);
    await store.saveReport(clusterReport('old', new Date(Date.now() - 2 * HOUR).toISOString(), {}), 1);
    await scans.scanDue();
    expect(scanner.started).toEqual(['new', 'old']);
    // The next pass finds nothing due.
    await scans.scanDue();
    expect(scanner.started).toEqual(['new', 'old']);
  });

  it('does not hold up the other clusters behind a slow one', async () => {
    const db = await database();
    const scanner = new FakeScanner();
    scanner.held.add('c0');
    const clusters = [sa('c0'), sa('c1'), sa('c2'), sa('c3')];
    const { scans, store } = replica(db, { name: 'r1', scanner, clusters, concurrency: 2, renewal: { everyMs: HOUR } });
    const pass = scans.scanDue();
    await settle(300);
    // c0 still runs; the three others went through the other slot.
    for (const name of ['c1', 'c2', 'c3']) expect((await store.getClusterHead(name))?.scannedAt).toBeDefined();
    scanner.finish('c0');
    await pass;
  });
});
