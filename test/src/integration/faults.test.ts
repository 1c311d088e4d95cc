/**
 * Misbehaving clusters, injected in the demo cluster and seen through the
 * real kubernetes backend: each gives the right `unknown` outcomes, loses
 * nothing already stored, and leaves the other cluster's results intact.
 */
import path from 'path';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DemoCluster, FaultRule, ForbiddenRule, startDemoCluster } from '@netpol/demo-cluster';
import type { EntityComplianceResponse, NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { EXAMPLES } from './clusters';
import { exampleEntities } from './entities';
import { startNetpolBackend } from './backend';

jest.setTimeout(90_000);

// Long enough for a loaded CI machine, short enough to keep the timeout test quick.
const REQUEST_TIMEOUT_MS = 5000;

describe('scans of a misbehaving cluster', () => {
  let faulty: DemoCluster;
  let healthy: DemoCluster;
  let backend: Awaited<ReturnType<typeof startNetpolBackend>>;

  beforeAll(async () => {
    faulty = await startDemoCluster({ name: 'faulty', manifestsDir: path.join(EXAMPLES, 'clusters/prod-eu'), port: 0, tokens: ['t1'] });
    healthy = await startDemoCluster({ name: 'healthy', manifestsDir: path.join(EXAMPLES, 'clusters/staging-us'), port: 0, tokens: ['t2'] });
    const cluster = (name: string, url: string, token: string) => ({
      name, url, authProvider: 'serviceAccount', serviceAccountToken: token, skipMetricsLookup: true,
    });
    backend = await startNetpolBackend({
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [{ type: 'config', clusters: [cluster('prod-eu', faulty.url, 't1'), cluster('staging-us', healthy.url, 't2')] }],
      },
      // Small pages, so the pod list of prod-eu takes several requests.
      netpolCompliance: { requestTimeout: { milliseconds: REQUEST_TIMEOUT_MS }, pageSize: 3 },
      features: [catalogServiceMock.factory({ entities: exampleEntities() })],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await faulty?.stop();
    await healthy?.stop();
  });

  afterEach(() => {
    faulty.setFaults([]);
    faulty.setForbidden([]);
  });

  async function scanWith(faults: FaultRule[], forbidden: ForbiddenRule[] = []) {
    faulty.setFaults(faults);
    faulty.setForbidden(forbidden);
    const res = await request(backend.server).post('/api/netpol-compliance/scan?wait=true');
    expect(res.status).toBe(200);
    return res.body as { clusters: Array<{ name: string; ok: boolean; error?: string }> };
  }

  async function shopOn(cluster: string): Promise<NamespaceReport | undefined> {
    const res = await request(backend.server).get('/api/netpol-compliance/entity/component/default/shop-namespace');
    const body = res.body as EntityComplianceResponse;
    return body.clusters.find(c => c.cluster.name === cluster)?.namespaces.find(n => n.namespace === 'shop');
  }

  const status = (ns: NamespaceReport | undefined, control: string) =>
    ns?.results.find(r => r.control === control);

  it('starts from a clean scan where shop passes everything', async () => {
    const summary = await scanWith([]);
    expect(summary.clusters.every(c => c.ok)).toBe(true);
    const shop = await shopOn('prod-eu');
    expect(status(shop, 'NETPOL-001')?.status).toBe('pass');
    expect(status(shop, 'NETPOL-003')?.status).toBe('pass');
  });

  it('500 on the pod list: coverage is unknown, the policy check still reports', async () => {
    await scanWith([{ path: '/api/v1/pods', status: 500, message: 'etcd is sad' }]);
    const shop = await shopOn('prod-eu');
    expect(status(shop, 'NETPOL-003')?.status).toBe('unknown');
    expect(status(shop, 'NETPOL-003')?.reason).toMatch(/HTTP 500/);
    // What the cluster said goes to the log, not to readers of the report.
    expect(status(shop, 'NETPOL-003')?.reason).not.toContain('etcd is sad');
    expect(status(shop, 'NETPOL-001')?.status).toBe('pass');
    expect(status(await shopOn('staging-us'), 'NETPOL-001')?.status).toBe('fail');
  });

  it('403 on one resource: unknown with the API reason, never pass', async () => {
    await scanWith([], [{ resource: 'pods' }]);
    const shop = await shopOn('prod-eu');
    expect(status(shop, 'NETPOL-003')?.status).toBe('unknown');
    expect(status(shop, 'NETPOL-003')?.reason).toMatch(/forbidden/i);
    expect(status(shop, 'NETPOL-001')?.status).toBe('pass');
  });

  it('answers slower than the timeout: unknown, naming the timeout', async () => {
    await scanWith([{ path: '/apis/networking.k8s.io/v1/networkpolicies', delayMs: REQUEST_TIMEOUT_MS * 3 }]);
    const shop = await shopOn('prod-eu');
    expect(status(shop, 'NETPOL-001')?.status).toBe('unknown');
    expect(status(shop, 'NETPOL-001')?.reason).toMatch(new RegExp(`no answer within ${REQUEST_TIMEOUT_MS} ms`));
    expect(status(await shopOn('staging-us'), 'NETPOL-001')?.status).toBe('fail');
  });

  it('malformed JSON: unknown, saying the answer was not JSON', async () => {
    await scanWith([{ path: '/apis/networking.k8s.io/v1/networkpolicies', malformedJson: true }]);
    const shop = await shopOn('prod-eu');
    expect(status(shop, 'NETPOL-001')?.status).toBe('unknown');
    expect(status(shop, 'NETPOL-001')?.reason).toMatch(/not valid JSON/);
  });

  it('410 Gone while paging: the list restarts and the result is complete', async () => {
    faulty.resetRequests();
    await scanWith([{ path: /\/api\/v1\/pods/, expireContinuePage: 1 }]);
    const shop = await shopOn('prod-eu');
    expect(status(shop, 'NETPOL-003')?.status).toBe('pass');
    const podPages = faulty.requestLog.filter(r => r.url.startsWith('/api/v1/pods'));
    expect(podPages.some(r => r.status === 410)).toBe(true);
    expect(podPages.filter(r => !r.url.includes('continue=')).length).toBeGreaterThanOrEqual(2);
  });

  it('an unreachable cluster: the stored report is kept, shown as unknown, the other cluster intact', async () => {
    await scanWith([]);
    const before = (await request(backend.server).get('/api/netpol-compliance/status')).body.clusters
      .find((c: any) => c.name === 'prod-eu');
    const summary = await scanWith([{ closeConnection: true }]);
    expect(summary.clusters.find(c => c.name === 'prod-eu')?.ok).toBe(false);
    const after = (await request(backend.server).get('/api/netpol-compliance/status')).body.clusters
      .find((c: any) => c.name === 'prod-eu');
    expect(after.scannedAt).toBe(before.scannedAt); // nothing lost
    expect(after.lastError).toBeTruthy();
    const shop = await shopOn('prod-eu');
    expect(shop?.results.every(r => r.status === 'unknown')).toBe(true);
    expect(status(shop, 'NETPOL-001')?.reason).toMatch(/Last known: pass/);
    expect(status(await shopOn('staging-us'), 'NETPOL-001')?.status).toBe('fail');
    // And it recovers on the next good scan.
    await scanWith([]);
    expect(status(await shopOn('prod-eu'), 'NETPOL-001')?.status).toBe('pass');
  });
});
