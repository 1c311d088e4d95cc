import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import type { StoredOwnerIndex } from '../store/OwnerIndexStore';
import { RateLimitedError } from './callerRateLimit';
import { overviewRows } from './overview';

// The real rows, counted: the warm-up's rows are the ones the first overview serves.
jest.mock('./overview', () => {
  const actual = jest.requireActual('./overview');
  return { ...actual, overviewRows: jest.fn(actual.overviewRows) };
});
import {
  complianceFixture,
  permissionsDenying,
  prodReport,
  shopWeb,
} from './__testUtils__/complianceFixture';

const OIDC = { 'backstage-kubernetes-authorization-oidc-okta': 'token' };

describe('ComplianceService', () => {
  describe('owner index', () => {
    it('builds the owner index when a scan ends, so the next overview does not read the catalog', async () => {
      const { service, getEntities } = complianceFixture();
      const { done } = await service.scan(mockCredentials.user());
      await done;
      expect(getEntities).toHaveBeenCalledTimes(1);

      const overview = await service.getOverview({}, mockCredentials.user());
      expect(getEntities).toHaveBeenCalledTimes(1);
      expect(overview.rows.find(i => i.namespace === 'shop')?.owners).toEqual(['group:default/team-shop']);
    });

    it('a failing warm-up leaves the overview to build the index itself', async () => {
      const { service, getEntities } = complianceFixture();
      getEntities.mockRejectedValueOnce(new Error('catalog down'));
      await expect(service.warmUp()).resolves.toBeUndefined();
      const overview = await service.getOverview({}, mockCredentials.user());
      expect(getEntities).toHaveBeenCalledTimes(2);
      expect(overview.rows).toHaveLength(2);
    });

    it('rebuilds once for concurrent requests after a new report, not once per request', async () => {
      const stored = [{ cluster: 'prod', report: prodReport(), scannedAt: prodReport().scannedAt, lastAttemptAt: '' }];
      const { service, getEntities } = complianceFixture({ stored });
      await service.warmUp();
      expect(getEntities).toHaveBeenCalledTimes(1);

      // Another replica stored a newer report; twenty overviews arrive at once.
      const newer = prodReport('2026-01-02T00:00:00.000Z');
      stored[0] = { cluster: 'prod', report: newer, scannedAt: newer.scannedAt, lastAttemptAt: '' };
      let release: () => void = () => {};
      const catalogAnswered = new Promise<void>(resolve => (release = resolve));
      getEntities.mockImplementation(async () => {
        await catalogAnswered;
        return { items: [shopWeb] };
      });
      const overviews = Array.from({ length: 20 }, () => service.getOverview({}, mockCredentials.user()));
      await new Promise(resolve => setImmediate(resolve));
      release();
      const answered = await Promise.all(overviews);
      expect(getEntities).toHaveBeenCalledTimes(2);
      expect(answered.every(o => o.rows.find(r => r.namespace === 'shop')?.owners[0] === 'group:default/team-shop')).toBe(true);
    });

    it('a failed rebuild is not kept: the next request tries again', async () => {
      const { service, getEntities } = complianceFixture();
      getEntities.mockRejectedValueOnce(new Error('catalog down'));
      await expect(service.getOverview({}, mockCredentials.user())).rejects.toThrow('catalog down');
      await expect(service.getOverview({}, mockCredentials.user())).resolves.toMatchObject({ total: 2 });
      expect(getEntities).toHaveBeenCalledTimes(2);
    });

    it('serves the owner index it has while a catalog refresh runs in the background', async () => {
      const { service, getEntities } = complianceFixture();
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
        const served = await service.getOverview({ q: 'shop' }, mockCredentials.user());
        expect(served.rows[0].owners).toEqual(['group:default/team-shop']);
        expect(getEntities).toHaveBeenCalledTimes(2);

        release();
        await new Promise(resolve => setImmediate(resolve));
        const refreshed = await service.getOverview({ q: 'shop' }, mockCredentials.user());
        expect(refreshed.rows[0].owners).toEqual(['group:default/team-payments']);
        expect(getEntities).toHaveBeenCalledTimes(2);
      } finally {
        clock.mockRestore();
      }
    });
  });

  describe('warm-up before the backend reports ready', () => {
    const catalogNeverAnswers = () => new Promise<never>(() => {});
    function keptIndexes() {
      let kept: StoredOwnerIndex | undefined;
      return { load: async () => kept, save: async (i: StoredOwnerIndex) => void (kept = i) };
    }

    it('serves the first overview after a restart from the owner index the last run kept', async () => {
      const ownerIndexes = keptIndexes();
      const before = complianceFixture({ scans: { ownerIndexes } });
      await before.service.warmUp();
      await new Promise(resolve => setImmediate(resolve));

      const restarted = complianceFixture({ scans: { ownerIndexes } });
      restarted.getEntities.mockImplementation(catalogNeverAnswers);
      const rowsBuilt = jest.mocked(overviewRows);
      rowsBuilt.mockClear();
      await restarted.service.warmUpFromStore();
      expect(rowsBuilt).toHaveBeenCalledTimes(1);
      const overview = await restarted.service.getOverview({}, mockCredentials.user());
      expect(overview.rows.find(r => r.namespace === 'shop')?.owners).toEqual(['group:default/team-shop']);
      // The rows made before the start are the ones served.
      expect(rowsBuilt).toHaveBeenCalledTimes(1);
      expect(restarted.getEntities).not.toHaveBeenCalled();
    });

    it('never waits for the catalog when the kept index was built for other reports', async () => {
      const ownerIndexes = keptIndexes();
      await ownerIndexes.save({ signature: 'prod@2025-01-01T00:00:00.000Z', at: Date.now(), entries: [] });
      const { service, getEntities } = complianceFixture({ scans: { ownerIndexes } });
      getEntities.mockImplementation(catalogNeverAnswers);
      await expect(service.warmUpFromStore()).resolves.toBeUndefined();
      expect(getEntities).not.toHaveBeenCalled();
    });

    it('a store that cannot be read does not fail the start', async () => {
      const { service } = complianceFixture({
        scans: { clusterIndexes: jest.fn(async () => Promise.reject(new Error('database down'))) },
      });
      await expect(service.warmUpFromStore()).resolves.toBeUndefined();
    });
  });

  describe('audit', () => {
    it('records a scan someone asked for: who, which cluster, and how it ended', async () => {
      const { service, auditor } = complianceFixture();
      const { done } = await service.scan(mockCredentials.user('user:default/ann'), { cluster: 'prod' });
      await done;
      expect(auditor.records.map(r => [r.eventId, r.status])).toEqual([
        ['scan', 'initiated'],
        ['scan', 'succeeded'],
      ]);
      expect(auditor.records[1]).toMatchObject({
        severityLevel: 'medium',
        meta: { caller: 'user:default/ann', queryType: 'cluster', cluster: 'prod', clusters: [{ name: 'prod', ok: true }] },
      });
    });

    it('records a refused scan as failed', async () => {
      const { service, auditor, scans } = complianceFixture({ permissions: permissionsDenying(['netpol.compliance.scan']) });
      await expect(service.scan(mockCredentials.service('plugin:catalog'))).rejects.toThrow(NotAllowedError);
      expect(scans.scanAll).not.toHaveBeenCalled();
      expect(auditor.records.map(r => r.status)).toEqual(['initiated', 'failed']);
      expect(auditor.records[1].meta).toMatchObject({ caller: 'service:plugin:catalog', queryType: 'all' });
    });

    it('records a scan that fails after it started', async () => {
      const { service, auditor } = complianceFixture({
        scans: { scanAll: jest.fn(async () => Promise.reject(new Error('kubernetes backend down'))) },
      });
      const { done } = await service.scan(mockCredentials.user());
      await expect(done).rejects.toThrow('kubernetes backend down');
      expect(auditor.records[1]).toMatchObject({ status: 'failed', error: 'kubernetes backend down' });
    });

    it("records a scan with the user's own token, and which clusters it read", async () => {
      const { service, auditor } = complianceFixture({
        scans: {
          scanWithUserToken: jest.fn(async () => [{ cluster: 'sso', lastAttemptAt: '', lastError: 'Forbidden' }]),
        },
      });
      await service.getEntityCompliance('component:default/shop-web', mockCredentials.user('user:default/ann'), {
        userAuthHeaders: OIDC,
      });
      expect(auditor.records.map(r => [r.eventId, r.status])).toEqual([
        ['user-token-scan', 'initiated'],
        ['user-token-scan', 'succeeded'],
      ]);
      expect(auditor.records[1].meta).toMatchObject({
        caller: 'user:default/ann',
        entityRef: 'component:default/shop-web',
        scanned: [{ cluster: 'sso', ok: false }],
      });
    });

    it('a plain entity view is a read, not an audited scan', async () => {
      const { service, auditor } = complianceFixture();
      await service.getEntityCompliance('component:default/shop-web', mockCredentials.user());
      expect(auditor.records).toEqual([]);
    });
  });

  describe('user-token scans per caller', () => {
    it('refuses a caller past the configured limit, with when to retry, and counts others apart', async () => {
      const { service, scans, auditor } = complianceFixture({
        config: { userTokenScans: { perCaller: { scans: 2, window: { minutes: 1 } } } },
      });
      const ann = mockCredentials.user('user:default/ann');
      const scan = (credentials = ann) =>
        service.getEntityCompliance('component:default/shop-web', credentials, { userAuthHeaders: OIDC });
      await scan();
      await scan();
      const refused = await scan().catch(e => e);
      expect(refused).toBeInstanceOf(RateLimitedError);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(scans.scanWithUserToken).toHaveBeenCalledTimes(2);
      expect(auditor.records.filter(r => r.status === 'failed')).toHaveLength(1);

      await expect(scan(mockCredentials.user('user:default/bob'))).resolves.toBeDefined();
      // The stored view stays readable while the scans are used up.
      await expect(service.getEntityCompliance('component:default/shop-web', ann)).resolves.toBeDefined();
    });

    it('does not spend a caller’s scan when the queue turns the request away', async () => {
      const { service, scans } = complianceFixture({
        config: { userTokenScans: { perCaller: { scans: 1, window: { minutes: 1 } } } },
        scans: { queueFull: true },
      });
      const ann = mockCredentials.user('user:default/ann');
      const scan = () => service.getEntityCompliance('component:default/shop-web', ann, { userAuthHeaders: OIDC });
      await expect(scan()).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
      expect(scans.scanWithUserToken).not.toHaveBeenCalled();
      (scans as { queueFull: boolean }).queueFull = false;
      await expect(scan()).resolves.toBeDefined();
      expect(scans.scanWithUserToken).toHaveBeenCalledTimes(1);
    });

    it('refuses a limit that is not a whole number at start-up, naming the key', () => {
      expect(() => complianceFixture({ config: { userTokenScans: { perCaller: { scans: 0 } } } })).toThrow(
        'netpolCompliance.userTokenScans.perCaller.scans',
      );
    });
  });
});
