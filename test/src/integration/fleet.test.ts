/**
 * A small fleet scanned by two replicas of a real backend (the kubernetes
 * backend, the real scheduler, this plugin) on one database: PostgreSQL in
 * CI, SQLite files otherwise. Every demo cluster answers slowly, as remote
 * API servers do, so a pass takes long enough for both replicas to pull
 * work; each cluster counts the namespace lists it served (one per scan).
 */
import path from 'path';
import request from 'supertest';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DemoCluster, startDemoCluster } from '@netpol/demo-cluster';
import { EXAMPLES } from './clusters';
import { startNetpolBackend } from './backend';
import { sharedDatabase } from './sharedDatabase';

jest.setTimeout(180_000);

type Backend = Awaited<ReturnType<typeof startNetpolBackend>>;
interface Status {
  fleet: { clusters: number; withReport: number; oldestReportAt?: string; scanning?: string[] };
  replica: { id: string; scanned: Array<{ cluster: string; startedAt: string; endedAt: string; ok: boolean; error?: string }> };
  clusters: Array<{ name: string; scannedAt?: string; lastScanStartedAt?: string; lastScanEndedAt?: string }>;
}

const FLEET_SIZE = 8;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('a fleet shared by two replicas', () => {
  const database = sharedDatabase();
  const fleet: DemoCluster[] = [];
  const backends: Backend[] = [];

  const status = async (backend: Backend) =>
    (await request(backend.server).get('/api/netpol-compliance/status')).body as Status;

  beforeAll(async () => {
    for (let i = 0; i < FLEET_SIZE; i++) {
      fleet.push(
        await startDemoCluster({
          name: `fleet-${i}`,
          manifestsDir: path.join(EXAMPLES, 'clusters/staging-us'),
          tokens: ['fleet-token'],
          // Remote clusters: every answer takes a while.
          faults: [{ delayMs: 300 }],
        }),
      );
    }
    const config = {
      database: database.config,
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: fleet.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: 'fleet-token',
              skipMetricsLookup: true,
            })),
          },
        ],
      },
      netpolCompliance: {
        schedule: { frequency: { hours: 24 }, timeout: { minutes: 2 }, initialDelay: { seconds: 4 } },
        fleet: { checkInterval: { seconds: 1 } },
        clusterConcurrency: 1,
      },
      features: [schedulerServiceFactory, catalogServiceMock.factory({ entities: [] })],
    };
    // One after the other (two SQLite processes would race for the
    // migrations), each starting its passes a few seconds after its start.
    backends.push(await startNetpolBackend(config));
    backends.push(await startNetpolBackend(config));
  });

  afterAll(async () => {
    await Promise.all(backends.map(b => b.stop()));
    await Promise.all(fleet.map(c => c.stop()));
    database.cleanup();
  });

  /**
   * SQLite only: two backends in one process share its files, and a write
   * that meets the other connection's lock waits synchronously (better-sqlite3),
   * which stops the very event loop the holder needs: after the busy timeout
   * the scan fails. A failed attempt counts as the period's attempt (the due
   * rule does not loop on failures), so it would be retried a day later; as
   * an operator would, ask for that cluster's scan once.
   */
  const rescanFailed = async (seen: Status, rescanned: Set<string>) => {
    const reported = new Set(seen.clusters.filter(c => c.scannedAt).map(c => c.name));
    const replicas = await Promise.all(backends.map(status));
    for (const scan of replicas.flatMap(r => r.replica.scanned)) {
      if (scan.ok || reported.has(scan.cluster) || rescanned.has(scan.cluster)) continue;
      rescanned.add(scan.cluster);
      await request(backends[0].server).post('/api/netpol-compliance/scan').send({ cluster: scan.cluster });
    }
  };

  it('divides the clusters between the replicas, each scanned once, and reports the fleet fresh', async () => {
    const end = Date.now() + 150_000;
    let seen: Status | undefined;
    const rescanned = new Set<string>();
    while (Date.now() < end) {
      seen = await status(backends[0]);
      if (seen.fleet.withReport === FLEET_SIZE) break;
      if (database.kind === 'sqlite') await rescanFailed(seen, rescanned);
      await sleep(500);
    }
    expect(seen?.fleet).toMatchObject({ clusters: FLEET_SIZE, withReport: FLEET_SIZE });
    // Further passes find nothing due (the period is a day).
    await sleep(3000);

    const [a, b] = await Promise.all(backends.map(status));
    const scans = [...a.replica.scanned, ...b.replica.scanned];
    expect(a.replica.id).not.toBe(b.replica.id);
    // Both took work, and together they scanned every cluster once with
    // success. (On SQLite a scan may fail at the other connection's lock and
    // be scanned again on demand: see rescanFailed. On PostgreSQL none may
    // fail; listed with their reasons so a failure says why.)
    const succeeded = (scanned: Status['replica']['scanned']) => scanned.filter(s => s.ok).map(s => s.cluster);
    expect(succeeded(a.replica.scanned).length).toBeGreaterThan(0);
    expect(succeeded(b.replica.scanned).length).toBeGreaterThan(0);
    const failed = scans.filter(s => !s.ok);
    expect({ succeeded: succeeded(scans).sort(), failedOnPostgres: database.kind === 'postgres' ? failed : [] }).toEqual({
      succeeded: fleet.map(c => c.name).sort(),
      failedOnPostgres: [],
    });
    // Never two scans of one cluster at once, across the replicas.
    for (const c of fleet) {
      const own = scans.filter(s => s.cluster === c.name).sort((x, y) => x.startedAt.localeCompare(y.startedAt));
      for (let i = 1; i < own.length; i++) expect(own[i].startedAt >= own[i - 1].endedAt).toBe(true);
      // What the cluster served agrees: one namespace list per scan.
      expect(c.requestLog.filter(r => /^\/api\/v1\/namespaces\?/.test(r.url))).toHaveLength(own.length);
    }
    // The fleet view: every cluster's last scan, and the oldest report.
    const starts = a.clusters.map(c => c.lastScanStartedAt!).sort();
    expect(a.fleet.oldestReportAt).toBe(starts[0]);
    expect(a.clusters.every(c => c.lastScanEndedAt! >= c.lastScanStartedAt!)).toBe(true);
  });
});
