import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { clusterReport } from '../__testUtils__/clusterReport';
import type { ScanService } from '../scan/ScanService';
import { ComplianceService } from './ComplianceService';

const report = clusterReport('prod', '2026-01-01T00:00:00.000Z', { shop: 'fail' });

const shopWeb = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-web',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': 'shop' },
  },
  spec: { owner: 'group:default/team-shop' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-shop' }],
};

function setup() {
  const getEntities = jest.fn(async () => ({ items: [shopWeb] }));
  const scans = {
    storedClusters: async () => [
      { cluster: 'prod', report, scannedAt: report.scannedAt, lastAttemptAt: report.scannedAt },
    ],
    scanAll: async () => ({ clusters: [{ name: 'prod', ok: true }] }),
  } as unknown as ScanService;
  const service = new ComplianceService({
    catalog: { getEntities } as unknown as CatalogService,
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    scans,
  });
  return { service, getEntities };
}

describe('ComplianceService', () => {
  it('builds the owner index when a scan ends, so the next overview does not read the catalog', async () => {
    const { service, getEntities } = setup();
    const { done } = await service.scan(mockCredentials.user());
    await done;
    expect(getEntities).toHaveBeenCalledTimes(1);

    const overview = await service.getOverview({}, mockCredentials.user());
    expect(getEntities).toHaveBeenCalledTimes(1);
    expect(overview.rows.find(i => i.namespace === 'shop')?.owners).toEqual([
      'group:default/team-shop',
    ]);
  });

  it('a failing warm-up leaves the overview to build the index itself', async () => {
    const { service, getEntities } = setup();
    getEntities.mockRejectedValueOnce(new Error('catalog down'));
    await expect(service.warmUp()).resolves.toBeUndefined();
    const overview = await service.getOverview({}, mockCredentials.user());
    expect(getEntities).toHaveBeenCalledTimes(2);
    expect(overview.rows).toHaveLength(1);
  });

  it('serves the owner index it has while a catalog refresh runs in the background', async () => {
    const { service, getEntities } = setup();
    await service.warmUp();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      // The team changed in the catalog; the index is over a minute old.
      let release: () => void = () => {};
      const catalogAnswered = new Promise<void>(resolve => (release = resolve));
      getEntities.mockImplementationOnce(async () => {
        await catalogAnswered;
        return {
          items: [{ ...shopWeb, relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }] }],
        };
      });
      const served = await service.getOverview({}, mockCredentials.user());
      expect(served.rows[0].owners).toEqual(['group:default/team-shop']);
      expect(getEntities).toHaveBeenCalledTimes(2);

      release();
      await new Promise(resolve => setImmediate(resolve));
      const refreshed = await service.getOverview({}, mockCredentials.user());
      expect(refreshed.rows[0].owners).toEqual(['group:default/team-payments']);
      expect(getEntities).toHaveBeenCalledTimes(2);
    } finally {
      clock.mockRestore();
    }
  });
});
