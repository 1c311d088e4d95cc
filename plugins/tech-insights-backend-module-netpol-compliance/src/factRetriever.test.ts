import { mockServices } from '@backstage/backend-test-utils';
import type { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import { createNetpolComplianceFactRetriever } from './factRetriever';
import { failingFactName, NETPOL_FACT_SCHEMA } from './factSchema';

const FAILS_007 = failingFactName('NETPOL-007');

/** A backend with one cluster, two entities, and each entity's stored view. */
function backend(entityViews: Record<string, unknown | number>) {
  const requested: string[] = [];
  const fetch = jest.fn(async (url: string) => {
    const { pathname } = new URL(url);
    requested.push(pathname);
    if (pathname.endsWith('/overview')) {
      const row = (namespace: string, entities: string[]) => ({
        cluster: 'eu',
        namespace,
        owners: [],
        entities,
        results: [{ control: 'NETPOL-001', status: 'pass', reason: '' }],
      });
      return Response.json({
        total: 2,
        offset: 0,
        limit: 1000,
        rows: [row('shop', ['component:default/shop']), row('pay', ['component:default/payments'])],
        summary: { byControl: {}, byCluster: [{ cluster: { name: 'eu' }, scannedAt: '2026-12-02T10:00:00Z', results: [], counts: {} }] },
      });
    }
    const view = entityViews[pathname.replace(/^.*\/entity\//, '')];
    if (typeof view === 'number') return Response.json({ error: { name: 'Error', message: 'no' } }, { status: view });
    return Response.json(view);
  });
  const ctx = {
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  } as unknown as FactRetrieverContext;
  return { retriever: createNetpolComplianceFactRetriever({ fetch: fetch as unknown as typeof globalThis.fetch }), ctx, requested };
}

function entityView(entityRef: string, verdicts: string[]) {
  return {
    entityRef,
    mapping: { mapped: true },
    clusters: [
      {
        cluster: { name: 'eu' },
        state: 'ok',
        results: [],
        namespaces: [
          {
            cluster: 'eu',
            namespace: 'shop',
            connections: [
              {
                entityRef,
                cluster: 'eu',
                connections: verdicts.map(verdict => ({
                  from: { namespace: 'shop', workload: 'Deployment/web' },
                  to: { namespace: 'pay', workload: 'Deployment/api' },
                  verdict,
                })),
                notEvaluated: [],
                openButUndeclared: [],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('createNetpolComplianceFactRetriever', () => {
  it('publishes NETPOL-007 per entity from its stored view, and every fact it publishes is in the schema', async () => {
    const { retriever, ctx, requested } = backend({
      'component/default/shop': entityView('component:default/shop', ['allowed', 'blocked']),
      'component/default/payments': entityView('component:default/payments', ['allowed']),
    });
    const facts = await retriever.handler(ctx);
    const byName = Object.fromEntries(facts.map(f => [f.entity.name, f.facts]));
    expect(byName.shop[FAILS_007]).toBe(1);
    expect(byName.payments[FAILS_007]).toBe(0);
    expect(requested.filter(p => p.includes('/entity/')).sort()).toEqual([
      '/api/netpol-compliance/entity/component/default/payments',
      '/api/netpol-compliance/entity/component/default/shop',
    ]);
    for (const f of facts) for (const name of Object.keys(f.facts)) expect(retriever.schema[name]).toBeDefined();
    expect(retriever.schema).toBe(NETPOL_FACT_SCHEMA);
  });

  it('leaves NETPOL-007 out, never 0, for an entity whose view cannot be read or whose relations were never checked', async () => {
    const unchecked = entityView('component:default/payments', []);
    delete (unchecked.clusters[0].namespaces[0] as { connections?: unknown }).connections;
    const { retriever, ctx } = backend({ 'component/default/shop': 503, 'component/default/payments': unchecked });
    const facts = await retriever.handler(ctx);
    expect(facts).toHaveLength(2);
    for (const f of facts) {
      expect(f.facts).not.toHaveProperty(FAILS_007);
      expect(f.facts.namespacesMapped).toBe(1);
    }
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('NETPOL-007'),
      expect.objectContaining({ entities: 1 }),
    );
  });
});
