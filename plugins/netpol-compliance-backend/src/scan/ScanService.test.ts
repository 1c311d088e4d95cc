import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { clusterReport } from '../__testUtils__/clusterReport';
import { ReportStore } from '../store/ReportStore';
import type { KubernetesBackendClient } from '../kubernetes/KubernetesBackendClient';
import type { ClusterScanner } from './ClusterScanner';
import { ScanService } from './ScanService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });

const report = (scannedAt: string) => clusterReport('prod', scannedAt, { shop: 'pass' });

async function setup() {
  const store = await ReportStore.create(
    mockServices.database({ knex: await databases.init('SQLITE_3') }),
  );
  const scannedAt = '2026-01-01T00:00:00.000Z';
  const scanner = {
    scan: async () => ({ report: report(scannedAt), durationMs: 5, skipped: {} }),
  } as unknown as ClusterScanner;
  const client = {
    listClusters: async () => [{ name: 'prod', title: 'Production', authProvider: 'serviceAccount' }],
  } as unknown as KubernetesBackendClient;
  const service = new ScanService({
    client,
    scanner,
    store,
    logger: mockServices.logger.mock(),
    clusterConcurrency: 1,
  });
  return { store, service };
}

describe('ScanService', () => {
  it('serves a report it just scanned without reading it back from the database', async () => {
    const { store, service } = await setup();
    await service.scanAll();
    const read = jest.spyOn(store, 'getCluster');
    const [stored] = await service.storedClusters();
    expect(stored.report?.namespaces.map(n => n.namespace)).toEqual(['shop']);
    expect(stored.scannedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(read).not.toHaveBeenCalled();
  });

  it('reloads a report another replica stored since', async () => {
    const { store, service } = await setup();
    await service.scanAll();
    // Another replica saves a newer scan of the same cluster.
    await store.saveReport(report('2026-01-02T00:00:00.000Z'), 7);
    const read = jest.spyOn(store, 'getCluster');
    const [stored] = await service.storedClusters();
    expect(stored.scannedAt).toBe('2026-01-02T00:00:00.000Z');
    expect(read).toHaveBeenCalledTimes(1);
  });
});
