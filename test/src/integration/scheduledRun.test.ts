/**
 * The scheduled run honours its deadline: a cluster slower than the task's
 * timeout ends as a failed (so `unknown`) scan of that cluster, the others
 * are scanned, and no replica starts a second run while the first is busy.
 */
import request from 'supertest';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EntityComplianceResponse } from '@netpol/plugin-netpol-compliance-common';
import { DemoClusters, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startNetpolBackend } from './backend';
import { sharedDatabase } from './sharedDatabase';

jest.setTimeout(180_000);

type Backend = Awaited<ReturnType<typeof startNetpolBackend>>;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('a scheduled run slower than its timeout', () => {
  const database = sharedDatabase();
  let clusters: DemoClusters;
  const backends: Backend[] = [];

  beforeAll(async () => {
    clusters = await startExampleClusters();
    // prod-eu answers its namespace list after the task's timeout.
    clusters.prodEu.setFaults([{ path: /^\/api\/v1\/namespaces\?/, delayMs: 90_000 }]);
    for (let i = 0; i < 2; i++) {
      backends.push(
        await startNetpolBackend({
          database: database.config,
          kubernetes: kubernetesConfig(clusters),
          netpolCompliance: {
            // Long enough for staging-us on a loaded two-core CI machine.
            schedule: { frequency: { minutes: 10 }, timeout: { seconds: 20 }, initialDelay: { seconds: 1 } },
            // Longer than the wait below: only the run's own deadline can end the slow scan in time.
            requestTimeout: { seconds: 120 },
          },
          features: [schedulerServiceFactory, catalogServiceMock.factory({ entities: exampleEntities() })],
        }),
      );
    }
  });

  afterAll(async () => {
    for (const backend of backends) await backend.stop();
    await clusters?.stop();
    database.cleanup();
  });

  it('ends the slow cluster as timed out, scans the others, and runs once', async () => {
    const status = async () =>
      (await request(backends[1].server).get('/api/netpol-compliance/status')).body.clusters as Array<{
        name: string;
        scannedAt?: string;
        lastError?: string;
      }>;
    const end = Date.now() + 60_000;
    let prod = (await status()).find(c => c.name === 'prod-eu');
    while (!prod?.lastError && Date.now() < end) {
      await sleep(500);
      prod = (await status()).find(c => c.name === 'prod-eu');
    }
    expect(prod?.lastError).toMatch(/timed out/);
    expect((await status()).find(c => c.name === 'staging-us')?.scannedAt).toBeDefined();
    // The entity view shows prod-eu as unknown, never as a pass.
    const entity = (await request(backends[0].server).get('/api/netpol-compliance/entity/component/default/shop-web'))
      .body as EntityComplianceResponse;
    const prodView = entity.clusters.find(c => c.cluster.name === 'prod-eu');
    expect(prodView?.state).toBe('error');
    expect(prodView?.namespaces.flatMap(n => n.results).every(r => r.status === 'unknown')).toBe(true);
    // Past the task's timeout again: nobody started the run a second time.
    await sleep(9000);
    const namespaceLists = clusters.prodEu.requestLog.filter(r => /^\/api\/v1\/namespaces\?/.test(r.url)).length;
    expect(namespaceLists).toBe(1);
  });
});
