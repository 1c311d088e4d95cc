/**
 * Who may see what: unauthenticated calls are refused, the overview needs
 * its permission, an entity the caller cannot read is a 404, and no cluster
 * credential appears in any response or log line.
 */
import request from 'supertest';
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DemoClusters, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startNetpolBackend } from './backend';

jest.setTimeout(60_000);

const NO_OVERVIEW_USER = 'user:default/no-overview';
const OUTSIDER = 'user:default/outsider';

/** Every log line of the whole backend, as text, message and metadata. */
const logLines: string[] = [];
function capturingLogger(meta: Record<string, unknown> = {}): RootLoggerService {
  const log = (level: string) => (message: string, extra?: unknown) => {
    logLines.push(`${level} ${message} ${JSON.stringify({ ...meta, ...(extra as object) })}`);
  };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: (more: Record<string, unknown>) => capturingLogger({ ...meta, ...more }),
  };
}

const userRef = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

/** Allows everything, except this plugin's permissions for one user. */
const permissions: PermissionsService = {
  async authorize(requests, { credentials }) {
    return requests.map(r => ({
      result:
        r.permission.name.startsWith('netpol.compliance') && userRef(credentials) === NO_OVERVIEW_USER
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  },
  async authorizeConditional(requests) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
  },
};

/** The catalog hides shop-web from one user, as a catalog permission policy would. */
function restrictedCatalog() {
  const catalog = catalogServiceMock({ entities: exampleEntities() });
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = async (ref, options) => {
    const { credentials } = options as { credentials: BackstageCredentials };
    if (userRef(credentials) === OUTSIDER && String(ref).includes('shop-web')) return undefined;
    return getEntityByRef(ref, options);
  };
  return catalog;
}

describe('access control and secrets', () => {
  let clusters: DemoClusters;
  let backend: Awaited<ReturnType<typeof startNetpolBackend>>;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    backend = await startNetpolBackend({
      kubernetes: kubernetesConfig(clusters),
      features: [
        createServiceFactory({ service: catalogServiceRef, deps: {}, factory: restrictedCatalog }),
        createServiceFactory({ service: coreServices.permissions, deps: {}, factory: () => permissions }),
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => capturingLogger() }),
      ],
    });
    // Setup, not a test: every test below reads this scan's reports.
    const scan = await request(backend.server).post('/api/netpol-compliance/scan?wait=true');
    if (scan.status !== 200) throw new Error(`the first scan failed: HTTP ${scan.status}`);
  });

  afterAll(async () => {
    await backend?.stop();
    await clusters?.stop();
  });

  it.each([
    ['get', '/api/netpol-compliance/entity/component/default/shop-web'],
    ['get', '/api/netpol-compliance/overview'],
    ['get', '/api/netpol-compliance/history'],
    ['get', '/api/netpol-compliance/status'],
    ['get', '/api/netpol-compliance/controls'],
    ['post', '/api/netpol-compliance/scan'],
  ] as const)('refuses an unauthenticated %s %s', async (method, path) => {
    const res = await request(backend.server)[method](path).set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('serves the health check without a token', async () => {
    const res = await request(backend.server).get('/api/netpol-compliance/health').set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
  });

  it.each([
    ['get', '/api/netpol-compliance/overview'],
    ['get', '/api/netpol-compliance/history'],
    ['get', '/api/netpol-compliance/status'],
    ['post', '/api/netpol-compliance/scan'],
  ] as const)('refuses %s %s to a user without the permission', async (method, path) => {
    const res = await request(backend.server)[method](path).set('Authorization', mockCredentials.user.header(NO_OVERVIEW_USER));
    expect(res.status).toBe(403);
  });

  it('still gives that user the entity view of an entity they can read', async () => {
    const res = await request(backend.server)
      .get('/api/netpol-compliance/entity/component/default/shop-web')
      .set('Authorization', mockCredentials.user.header(NO_OVERVIEW_USER));
    expect(res.status).toBe(200);
    expect(res.body.clusters.length).toBeGreaterThan(0);
  });

  it('answers 404 for an entity the caller may not read, exactly as for a missing one', async () => {
    const hidden = await request(backend.server)
      .get('/api/netpol-compliance/entity/component/default/shop-web')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    const missing = await request(backend.server)
      .get('/api/netpol-compliance/entity/component/default/no-such-thing')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.text).not.toContain('prod-eu');
  });

  it('gives the overview with owners to a permitted user', async () => {
    const res = await request(backend.server).get('/api/netpol-compliance/overview?cluster=prod-eu&q=shop');
    expect(res.status).toBe(200);
    const shop = res.body.rows.find((r: any) => r.namespace === 'shop');
    expect(shop.owners).toContain('group:default/team-shop');
    expect(shop.entities).toContain('component:default/shop-web');
  });

  it('rejects malformed input with 400', async () => {
    expect((await request(backend.server).get('/api/netpol-compliance/overview?limit=0')).status).toBe(400);
    expect((await request(backend.server).get('/api/netpol-compliance/overview?sort=evil')).status).toBe(400);
    expect((await request(backend.server).post('/api/netpol-compliance/scan').send({ cluster: 42 })).status).toBe(400);
    expect((await request(backend.server).post('/api/netpol-compliance/scan').send({ cluster: 'nope' })).status).toBe(404);
  });

  it('never puts a cluster credential in a response or a log line', async () => {
    const paths = [
      '/api/netpol-compliance/entity/component/default/shop-web',
      '/api/netpol-compliance/overview?limit=1000',
      '/api/netpol-compliance/status',
      '/api/netpol-compliance/history',
    ];
    const texts = await Promise.all(paths.map(async p => (await request(backend.server).get(p)).text));
    expect(logLines.length).toBeGreaterThan(10);
    // The scan's own log lines are among them (the cluster is a field of its child logger).
    expect(logLines.some(l => l.includes('Scanned in') && l.includes('"cluster":"prod-eu"'))).toBe(true);
    for (const text of [...texts, ...logLines]) {
      expect(text).not.toContain('prod-token');
      expect(text).not.toContain('staging-token');
    }
  });
});
