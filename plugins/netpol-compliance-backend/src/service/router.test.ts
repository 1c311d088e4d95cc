import express from 'express';
import request from 'supertest';
import { mockCredentials, mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { complianceFixture, FixtureOptions, permissionsDenying } from './__testUtils__/complianceFixture';
import { createRouter } from './router';

const GUEST = 'user:default/guest';

async function app(options: FixtureOptions & { docsBaseUrl?: string } = {}) {
  const fixture = complianceFixture(options);
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    compliance: fixture.service,
    logger: mockServices.logger.mock(),
    docsBaseUrl: options.docsBaseUrl,
  });
  const server = express().use(router).use(mockErrorHandler());
  return { server, ...fixture };
}

describe('router', () => {
  describe('/controls/:id', () => {
    it('serves one control with its docs link', async () => {
      const { server } = await app({ docsBaseUrl: 'https://docs.example.com/netpol' });
      const res = await request(server).get('/controls/NETPOL-004');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: 'NETPOL-004', docsUrl: 'https://docs.example.com/netpol/NETPOL-004' });
    });

    it('answers 404 for an unknown control', async () => {
      const { server } = await app();
      const res = await request(server).get('/controls/NETPOL-999');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('NETPOL-999');
    });

    it('refuses an unauthenticated caller', async () => {
      const { server } = await app();
      const res = await request(server).get('/controls/NETPOL-001').set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('entity path parameters', () => {
    it.each([
      ['a space', '/entity/component/default/shop%20web'],
      ['an encoded slash', '/entity/component/default/shop%2Fweb'],
      ['a leading dot', '/entity/component/default/..'],
      ['a name past 253 characters', `/entity/component/default/${'a'.repeat(254)}`],
      ['a colon in the kind', '/entity/component%3Ax/default/shop-web'],
    ])('answers 400 for %s, without asking the catalog', async (_, path) => {
      const { server, getEntityByRef, scans } = await app();
      for (const p of [path, `${path}/scan`]) {
        const res = await request(server)[p.endsWith('/scan') ? 'post' : 'get'](p)
          .set('backstage-kubernetes-authorization-oidc-okta', 't');
        expect(res.status).toBe(400);
      }
      expect(getEntityByRef).not.toHaveBeenCalled();
      expect(scans.scanWithUserToken).not.toHaveBeenCalled();
    });

    it('serves a well-formed reference', async () => {
      const { server } = await app();
      const res = await request(server).get('/entity/component/default/shop-web');
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/shop-web');
    });
  });

  describe('POST /entity/:kind/:namespace/:name/scan', () => {
    it("scans with the caller's kubernetes auth headers only, and answers with the entity view", async () => {
      const { server, scans } = await app();
      const res = await request(server)
        .post('/entity/component/default/shop-web/scan')
        .set('backstage-kubernetes-authorization-oidc-okta', 'okta-token')
        .set('cookie', 'session=secret');
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/shop-web');
      expect(scans.scanWithUserToken).toHaveBeenCalledWith(undefined, {
        'backstage-kubernetes-authorization-oidc-okta': 'okta-token',
      });
    });

    it('answers 400 when there is no kubernetes auth header to scan with', async () => {
      const { server, scans } = await app();
      const res = await request(server).post('/entity/component/default/shop-web/scan');
      expect(res.status).toBe(400);
      expect(scans.scanWithUserToken).not.toHaveBeenCalled();
    });

    it('answers 429 with Retry-After once the caller has used up their scans', async () => {
      const { server, scans } = await app({ config: { userTokenScans: { perCaller: { scans: 1, window: 'PT1M' } } } });
      const scan = () =>
        request(server)
          .post('/entity/component/default/shop-web/scan')
          .set('backstage-kubernetes-authorization-oidc-okta', 't');
      expect((await scan()).status).toBe(200);
      const refused = await scan();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.body.error.name).toBe('RateLimitedError');
      expect(scans.scanWithUserToken).toHaveBeenCalledTimes(1);
    });
  });

  describe('query bounds', () => {
    it.each([
      ['/overview?offset=-1', 400],
      ['/overview?offset=1.5', 400],
      ['/overview?offset=10000001', 400],
      ['/overview?offset=abc', 400],
      ['/overview?offset=10000000', 200],
      ['/overview?limit=1001', 400],
      ['/overview?offset=a&offset=b', 400],
      ['/history?days=0', 400],
      ['/history?days=367', 400],
      ['/history?days=7.5', 400],
      ['/history?days=366', 200],
      ['/history?days=1', 200],
    ])('%s answers %s', async (path, status) => {
      const { server } = await app();
      expect((await request(server).get(path)).status).toBe(status);
    });

    it('asks the store for as many days as requested', async () => {
      const { server, scans } = await app();
      await request(server).get('/history?days=1');
      const today = new Date().toISOString().slice(0, 10);
      expect(scans.history).toHaveBeenCalledWith(expect.objectContaining({ sinceDay: today, days: 1 }));
    });
  });

  describe('GET /status', () => {
    it('shows each cluster’s last scan start and end, and the fleet’s oldest report', async () => {
      const scannedAt = '2026-12-02T10:00:00.000Z';
      const stored = [{ cluster: 'prod', index: undefined, scannedAt, durationMs: 1500, lastAttemptAt: scannedAt }];
      const { server } = await app({ stored });
      const res = await request(server).get('/status');
      expect(res.status).toBe(200);
      const [prod] = res.body.clusters;
      expect(prod).toMatchObject({ lastScanStartedAt: scannedAt, lastScanEndedAt: '2026-12-02T10:00:01.500Z' });
      expect(res.body.fleet).toMatchObject({ clusters: 1, withReport: 1, oldestReportCluster: 'prod', oldestReportAt: prod.scannedAt });
    });
  });

  describe('POST /scan', () => {
    it('answers 400 for a body that is not JSON, and starts nothing', async () => {
      const { server, scans } = await app();
      const res = await request(server).post('/scan').set('content-type', 'application/json').send('{"cluster": ');
      expect(res.status).toBe(400);
      expect(scans.scanAll).not.toHaveBeenCalled();
    });

    it.each([[{ cluster: 42 }], [{ cluster: '' }], [{ cluster: ['prod'] }]])('answers 400 for %j', async body => {
      const { server, scans } = await app();
      expect((await request(server).post('/scan').send(body)).status).toBe(400);
      expect(scans.startScanOf).not.toHaveBeenCalled();
    });

    it('starts a scan and records it with the request, so the auditor knows the actor', async () => {
      const { server, auditor, scans } = await app();
      const res = await request(server).post('/scan?wait=true').send({ cluster: 'prod' });
      expect(res.status).toBe(200);
      expect(scans.startScanOf).toHaveBeenCalledWith('prod');
      expect(auditor.records.map(r => [r.eventId, r.status, r.hasRequest])).toEqual([
        ['scan', 'initiated', true],
        ['scan', 'succeeded', true],
      ]);
    });
  });

  describe('denied permissions answer 403', () => {
    it.each([
      ['get', '/overview', 'netpol.compliance.overview.read'],
      ['get', '/history', 'netpol.compliance.overview.read'],
      ['get', '/status', 'netpol.compliance.overview.read'],
      ['post', '/scan', 'netpol.compliance.scan'],
      ['get', '/entity/component/default/shop-web', 'kubernetes.resources.read'],
      ['get', '/entity/component/default/shop-web', 'kubernetes.clusters.read'],
      ['post', '/entity/component/default/shop-web/scan', 'kubernetes.resources.read'],
    ] as const)('%s %s without %s', async (method, path, permission) => {
      const { server, scans } = await app({ permissions: permissionsDenying([permission], GUEST) });
      const res = await request(server)
        [method](path)
        .set('Authorization', mockCredentials.user.header(GUEST))
        .set('backstage-kubernetes-authorization-oidc-okta', 't');
      expect(res.status).toBe(403);
      expect(scans.scanAll).not.toHaveBeenCalled();
      expect(scans.scanWithUserToken).not.toHaveBeenCalled();
      // The same request from someone else is served.
      const allowed = await request(server)[method](path).set('backstage-kubernetes-authorization-oidc-okta', 't');
      expect(allowed.status).toBeLessThan(300);
    });
  });
});
