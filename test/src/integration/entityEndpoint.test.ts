/**
 * The whole path with real parts: the real kubernetes backend reads the demo
 * clusters over loopback, the netpol-compliance plugin lists clusters and
 * proxies its reads through it with a plugin token, evaluates, stores in a
 * real SQLite, and serves the entity endpoint.
 */
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { actionsRegistryServiceMock, MockActionsRegistry } from '@backstage/backend-test-utils/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  EntityClusterView,
  EntityComplianceResponse,
  NamespaceReport,
} from '@netpol/plugin-netpol-compliance-common';
import { DemoClusters, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startNetpolBackend } from './backend';

jest.setTimeout(60_000);

function namespaceOf(view: EntityClusterView | undefined, name: string): NamespaceReport | undefined {
  return view?.namespaces.find(n => n.namespace === name);
}

function result(ns: NamespaceReport | undefined, control: string) {
  return ns?.results.find(r => r.control === control);
}

describe('GET /api/netpol-compliance/entity/:kind/:namespace/:name', () => {
  let clusters: DemoClusters;
  let server: Awaited<ReturnType<typeof startNetpolBackend>>['server'];
  let stopBackend: () => Promise<void>;
  let firstScan: { status: number; body: any };
  let actions: MockActionsRegistry;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    const backend = await startNetpolBackend({
      kubernetes: kubernetesConfig(clusters),
      features: [
        catalogServiceMock.factory({ entities: exampleEntities() }),
        // One registry for all plugins, kept here so the test can call the actions.
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => (actions ??= actionsRegistryServiceMock({ logger: mockServices.logger.mock() })),
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    firstScan = await request(server).post('/api/netpol-compliance/scan?wait=true');
  });

  it('scans both demo clusters first; only the dead one fails', () => {
    expect(firstScan.status).toBe(200);
    expect(firstScan.body.clusters.map((c: any) => [c.name, c.ok ? 'ok' : c.error])).toEqual([
      ['prod-eu', 'ok'],
      ['staging-us', 'ok'],
      ['unreachable', expect.any(String)],
    ]);
  });

  afterAll(async () => {
    await stopBackend?.();
    await clusters?.stop();
  });

  async function entity(name: string): Promise<EntityComplianceResponse> {
    const res = await request(server).get(`/api/netpol-compliance/entity/component/default/${name}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  const view = (body: EntityComplianceResponse, cluster: string) =>
    body.clusters.find(c => c.cluster.name === cluster);

  it('passes CIS 5.3.2 for a namespace with policies and names them', async () => {
    const body = await entity('shop-web');
    const shop = namespaceOf(view(body, 'prod-eu'), 'shop');
    const r = result(shop, 'NETPOL-001');
    expect(r?.status).toBe('pass');
    expect(r?.evidence.policies?.map(p => p.name)).toEqual(
      expect.arrayContaining(['default-deny-all', 'allow-dns-egress']),
    );
  });

  it('counts the cluster admin policies read through the proxy (list items carry no kind of their own)', async () => {
    const res = await request(server).get('/api/netpol-compliance/overview?cluster=prod-eu&q=reports&limit=100');
    const reports = (res.body.rows as Array<{ namespace: string; results: Array<{ control: string; status: string; reason: string }> }>)
      .find(r => r.namespace === 'reports');
    const status = (control: string) => reports?.results.find(r => r.control === control);
    // The baseline admin policy denies all egress of isolation=baseline
    // namespaces, and ingress from every pod: sources outside the cluster
    // are beyond what its ingress peers can name, so no ingress default deny.
    expect(status('NETPOL-005')).toMatchObject({ status: 'pass', reason: expect.stringMatching(/BaselineAdminNetworkPolicy default/) });
    expect(status('NETPOL-004')).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/BaselineAdminNetworkPolicy default denies ingress from every pod.*cannot name sources outside the cluster/),
    });
    expect(status('NETPOL-003')?.status).toBe('pass');
    expect(JSON.stringify(reports)).not.toMatch(/ignored as invalid/);
  });

  it('shows every cluster a multi-cluster service runs on, each with its own outcome', async () => {
    const body = await entity('shop-web');
    expect(view(body, 'prod-eu')?.state).toBe('ok');
    expect(result(namespaceOf(view(body, 'prod-eu'), 'shop'), 'NETPOL-001')?.status).toBe('pass');
    expect(result(namespaceOf(view(body, 'staging-us'), 'shop'), 'NETPOL-001')?.status).toBe('fail');
  });

  it('fails a namespace without any NetworkPolicy, with the reason', async () => {
    const body = await entity('billing-invoicer');
    const ns = namespaceOf(view(body, 'prod-eu'), 'legacy-billing');
    expect(result(ns, 'NETPOL-001')?.status).toBe('fail');
    expect(result(ns, 'NETPOL-001')?.reason).toMatch(/no networkpolic/i);
    // legacy-billing does not exist on staging-us: nothing of it runs there.
    expect(view(body, 'staging-us')).toBeUndefined();
  });

  it('honours the cluster and namespace annotations', async () => {
    const body = await entity('payments-api');
    expect(body.mapping).toMatchObject({ mapped: true, namespaces: ['payments'], clusters: ['prod-eu'] });
    expect(body.clusters.map(c => c.cluster.name)).toEqual(['prod-eu']);
    expect(namespaceOf(body.clusters[0], 'payments')).toBeDefined();
  });

  it('reports an unreachable cluster as unknown, never pass, and keeps the others', async () => {
    const body = await entity('shop-namespace');
    const dead = view(body, 'unreachable');
    expect(dead?.state).toBe('error');
    expect(dead?.error).toBeTruthy();
    const ns = namespaceOf(dead, 'shop');
    expect(ns?.results.length).toBeGreaterThan(0);
    expect(ns?.results.every(r => r.status === 'unknown')).toBe(true);
    expect(result(ns, 'NETPOL-001')?.reason).toMatch(/could not be scanned/);
    expect(result(namespaceOf(view(body, 'prod-eu'), 'shop'), 'NETPOL-001')?.status).toBe('pass');
    expect(result(namespaceOf(view(body, 'staging-us'), 'shop'), 'NETPOL-001')?.status).toBe('fail');
  });

  it('says clearly when an entity has no kubernetes annotations', async () => {
    const body = await entity('docs-site');
    expect(body.mapping.mapped).toBe(false);
    expect(body.mapping.reason).toMatch(/backstage.io\/kubernetes-id/);
    expect(body.clusters).toEqual([]);
  });

  it('answers 404 for an entity that does not exist', async () => {
    const res = await request(server).get('/api/netpol-compliance/entity/component/default/nope');
    expect(res.status).toBe(404);
  });

  it('refuses unauthenticated callers', async () => {
    const res = await request(server)
      .get('/api/netpol-compliance/entity/component/default/shop-web')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('never returns a cluster credential', async () => {
    const status = await request(server).get('/api/netpol-compliance/status');
    const body = await request(server).get('/api/netpol-compliance/entity/component/default/shop-web');
    for (const text of [status.text, body.text]) {
      expect(text).not.toContain('prod-token');
      expect(text).not.toContain('staging-token');
    }
    expect(status.body.clusters.find((c: any) => c.name === 'unreachable').lastError).toBeTruthy();
  });

  it('offers the entity view as an action for MCP clients and other plugins', async () => {
    const { actions: listed } = await actions.list();
    const names = listed.map(a => a.id);
    const entityAction = listed.find(a => a.name === 'get-entity-network-policy-compliance');
    expect(entityAction).toBeDefined();
    expect(names.some(n => n.endsWith('list-non-compliant-namespaces'))).toBe(true);
    const { output } = (await actions.invoke({
      id: entityAction!.id,
      input: { entityRef: 'component:default/shop-web' },
      credentials: mockCredentials.user(),
    })) as { output: any };
    const staging = output.namespaces.find((n: any) => n.cluster === 'staging-us' && n.namespace === 'shop');
    expect(staging.results.find((r: any) => r.control === 'NETPOL-001').status).toBe('fail');
  });

  it('lists non-compliant namespaces through the actions registry', async () => {
    const { actions: listed } = await actions.list();
    const id = listed.find(a => a.name === 'list-non-compliant-namespaces')!.id;
    const { output } = (await actions.invoke({ id, input: { control: 'NETPOL-001' }, credentials: mockCredentials.user() })) as { output: any };
    const names = output.namespaces.map((n: any) => `${n.cluster}/${n.namespace}`);
    expect(names).toEqual(expect.arrayContaining(['prod-eu/legacy-billing', 'staging-us/shop']));
    expect(names).not.toContain('prod-eu/shop');
    expect(output.namespaces.every((n: any) => n.failing.every((f: any) => f.control === 'NETPOL-001'))).toBe(true);
  });
});
