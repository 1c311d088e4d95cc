/**
 * Two replicas of a real backend (the kubernetes backend, the real
 * scheduler, this plugin) on ONE database: PostgreSQL in CI, SQLite files
 * otherwise. The demo clusters count every request, so "scanned once" is
 * read from what the clusters actually served.
 */
import path from 'path';
import request from 'supertest';
import type { Knex } from 'knex';
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadManifests } from '@netpol/demo-cluster';
import type { EntityComplianceResponse } from '@netpol/plugin-netpol-compliance-common';
import { DemoClusters, EXAMPLES, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startNetpolBackend } from './backend';
import { sharedDatabase } from './sharedDatabase';

jest.setTimeout(120_000);

type Backend = Awaited<ReturnType<typeof startNetpolBackend>>;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** Namespace list requests a demo cluster served: one per scan of it. */
const namespaceLists = (cluster: DemoClusters['prodEu']) =>
  cluster.requestLog.filter(r => /^\/api\/v1\/namespaces\?/.test(r.url)).length;

describe('two replicas on one database', () => {
  const database = sharedDatabase();
  let clusters: DemoClusters;
  let a: Backend;
  let b: Backend;
  /** The plugin's own database, as replica A's plugin sees it. */
  let pluginDb: Knex | undefined;

  const start = (captureDb: boolean, options: { ssoAs?: string; firstPassAfter?: object } = {}) =>
    startNetpolBackend({
      database: database.config,
      kubernetes: kubernetesConfig(clusters, [
        {
          name: 'prod-eu-sso',
          url: clusters.prodEu.url,
          authProvider: options.ssoAs ?? 'oidc',
          ...(options.ssoAs ? {} : { oidcTokenProvider: 'okta' }),
          skipMetricsLookup: true,
        },
      ]),
      netpolCompliance: {
        // One scheduled run, a few seconds after start, then none for a day.
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 2 },
          initialDelay: options.firstPassAfter ?? { seconds: 3 },
        },
      },
      features: [
        // The real scheduler, which coordinates replicas through the database.
        schedulerServiceFactory,
        catalogServiceMock.factory({ entities: exampleEntities() }),
        ...(captureDb
          ? [
              createBackendModule({
                pluginId: 'netpol-compliance',
                moduleId: 'test-database-handle',
                register(env) {
                  env.registerInit({
                    deps: { database: coreServices.database },
                    async init({ database: db }) {
                      pluginDb = await db.getClient();
                    },
                  });
                },
              }),
            ]
          : []),
      ],
    });

  beforeAll(async () => {
    clusters = await startExampleClusters();
    a = await start(true);
    b = await start(false);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await clusters?.stop();
    database.cleanup();
  });

  const status = async (backend: Backend) =>
    (await request(backend.server).get('/api/netpol-compliance/status')).body as {
      clusters: Array<{ name: string; scannedAt?: string; lastError?: string }>;
    };
  const scannedAt = async (backend: Backend, cluster: string) =>
    (await status(backend)).clusters.find(c => c.name === cluster)?.scannedAt;
  const entity = async (backend: Backend) =>
    (await request(backend.server).get('/api/netpol-compliance/entity/component/default/shop-namespace'))
      .body as EntityComplianceResponse;
  const shopOnProd = (body: EntityComplianceResponse) =>
    body.clusters
      .find(c => c.cluster.name === 'prod-eu')
      ?.namespaces.find(n => n.namespace === 'shop')
      ?.results.find(r => r.control === 'NETPOL-001')?.status;

  it('runs the scheduled scan once across both replicas', async () => {
    await waitFor('the scheduled scan', async () =>
      (await scannedAt(a, 'prod-eu')) && (await scannedAt(a, 'staging-us')) ? true : undefined,
    );
    // Long enough for a second run, if the other replica were to start one.
    await sleep(6000);
    expect(namespaceLists(clusters.prodEu)).toBe(1);
    expect(namespaceLists(clusters.stagingUs)).toBe(1);
    expect(await scannedAt(b, 'prod-eu')).toBe(await scannedAt(a, 'prod-eu'));
  });

  it('shows both replicas the auth-provider flag one of them learned', async () => {
    for (const backend of [a, b]) {
      const sso = (await entity(backend)).clusters.find(c => c.cluster.name === 'prod-eu-sso');
      expect(sso?.cluster.needsUserToken).toBe(true);
      expect(sso?.cluster.oidcTokenProvider).toBe('okta');
    }
  });

  it('shows a replica that never listed the clusters the flag from the database, not from its own config', async () => {
    // A third replica whose own kubernetes config says something else about
    // the cluster, and which lists nothing during the test (its first pass
    // is an hour away): what it shows can only come from the shared table.
    const c = await start(false, { ssoAs: 'serviceAccount', firstPassAfter: { hours: 1 } });
    try {
      const sso = (await entity(c)).clusters.find(x => x.cluster.name === 'prod-eu-sso');
      expect(sso?.cluster.authProvider).toBe('oidc');
      expect(sso?.cluster.needsUserToken).toBe(true);
      expect(sso?.cluster.oidcTokenProvider).toBe('okta');
    } finally {
      await c.stop();
    }
  });

  it('keeps the cluster’s own words out of stored errors', async () => {
    const text = JSON.stringify(await status(b));
    expect(text).toContain('unreachable');
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost/);
  });

  it('scans each cluster once when both replicas are asked ten times each at the same moment', async () => {
    clusters.prodEu.resetRequests();
    clusters.stagingUs.resetRequests();
    // Slow enough that the two requests overlap.
    clusters.prodEu.setFaults([{ path: '/api/v1/pods', delayMs: 1500 }]);
    clusters.stagingUs.setFaults([{ path: '/api/v1/pods', delayMs: 1500 }]);
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => request((i % 2 ? b : a).server).post('/api/netpol-compliance/scan?wait=true')),
      );
      expect(responses.map(r => r.status)).toEqual(Array(20).fill(200));
      expect(namespaceLists(clusters.prodEu)).toBe(1);
      expect(namespaceLists(clusters.stagingUs)).toBe(1);
      const outcomes = responses.flatMap(r => r.body.clusters).filter((c: any) => c.name === 'prod-eu');
      expect(outcomes).toHaveLength(20);
      expect(outcomes.every((c: any) => c.ok)).toBe(true);
      // One replica scanned; the other's requests joined that scan.
      expect(outcomes.some((c: any) => c.joined)).toBe(true);
    } finally {
      clusters.prodEu.setFaults([]);
      clusters.stagingUs.setFaults([]);
    }
  });

  it('shows the other replica a report one replica stored, at once', async () => {
    expect(shopOnProd(await entity(b))).toBe('pass');
    const manifests = loadManifests(path.join(EXAMPLES, 'clusters/prod-eu')).objects as any[];
    clusters.prodEu.setObjects(
      manifests.filter(o => !(o.kind === 'NetworkPolicy' && o.metadata?.namespace === 'shop')),
    );
    try {
      const scan = await request(a.server).post('/api/netpol-compliance/scan?wait=true').send({ cluster: 'prod-eu' });
      expect(scan.body.clusters[0]).toMatchObject({ name: 'prod-eu', ok: true });
      expect(shopOnProd(await entity(b))).toBe('fail');
    } finally {
      clusters.prodEu.reload();
    }
  });

  it('never lets a scan that started earlier overwrite one that started later', async () => {
    // A's scan reads slowly; while it runs, its lease ends (as if A had
    // stalled past the lease's time to live) and B scans the same cluster.
    clusters.prodEu.setFaults([{ path: '/api/v1/pods', delayMs: 5000, times: 1 }]);
    clusters.prodEu.resetRequests();
    const before = await scannedAt(a, 'prod-eu');
    const slowDone = request(a.server).post('/api/netpol-compliance/scan?wait=true').send({ cluster: 'prod-eu' }).then(r => r);
    // The namespace list goes out beside the (delayed) pod list.
    await waitFor('A’s slow scan to start', async () => (namespaceLists(clusters.prodEu) > 0 ? true : undefined));
    await pluginDb!('netpol_scan_leases').where({ cluster: 'prod-eu' }).update({ expires_at: 0 });
    const fast = await request(b.server).post('/api/netpol-compliance/scan?wait=true').send({ cluster: 'prod-eu' });
    expect(fast.body.clusters[0]).toMatchObject({ name: 'prod-eu', ok: true });
    const later = await scannedAt(b, 'prod-eu');
    expect(later! > before!).toBe(true);
    const slowResult = await slowDone;
    expect(slowResult.status).toBe(200);
    // A's older scan ended last, and changed nothing.
    expect(await scannedAt(a, 'prod-eu')).toBe(later);
    expect(await scannedAt(b, 'prod-eu')).toBe(later);
    clusters.prodEu.setFaults([]);
  });
});
