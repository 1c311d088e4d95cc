/**
 * Tech Insights with the netpol-compliance module, against the real
 * netpol-compliance backend scanning the demo clusters: the facts are read
 * and a JSON rules engine check is run through Tech Insights' own REST API.
 */
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import jsonRulesEngineModule from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import netpolFactsModule, {
  failingFactName,
  NETPOL_FACT_RETRIEVER_ID,
  NETPOL_FACTS_VERSION,
} from '@netpol/plugin-tech-insights-backend-module-netpol-compliance';
import {
  entityConnectionsSummary,
  type EntityComplianceResponse,
} from '@netpol/plugin-netpol-compliance-common';
import { DemoClusters, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startIntegrationsBackend } from './integrationsBackend';

jest.setTimeout(90_000);

const FAILS_004 = failingFactName('NETPOL-004');
const FAILS_007 = failingFactName('NETPOL-007');

const techInsightsConfig = {
  factRetrievers: {
    [NETPOL_FACT_RETRIEVER_ID]: { cadence: '0 3 * * *' },
  },
  factChecker: {
    checks: {
      netpolDefaultDenyIngress: {
        type: 'json-rules-engine',
        name: 'Every namespace has a default deny',
        description: 'No namespace of this entity fails NETPOL-004 and none is unknown',
        factIds: [NETPOL_FACT_RETRIEVER_ID],
        rule: {
          conditions: {
            all: [
              { fact: FAILS_004, operator: 'equal', value: 0 },
              { fact: 'unknownCount', operator: 'equal', value: 0 },
            ],
          },
        },
      },
    },
  },
};

describe('Tech Insights facts from netpol-compliance', () => {
  let clusters: DemoClusters;
  let backend: Awaited<ReturnType<typeof startIntegrationsBackend>>;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    backend = await startIntegrationsBackend({
      kubernetes: kubernetesConfig(clusters),
      config: { techInsights: techInsightsConfig },
      features: [
        catalogServiceMock.factory({ entities: exampleEntities() }),
        techInsightsBackend,
        jsonRulesEngineModule,
        netpolFactsModule,
      ],
    });
    const scan = await request(backend.server).post('/api/netpol-compliance/scan?wait=true');
    if (scan.status !== 200) throw new Error(`scan answered ${scan.status}`);
    await backend.scheduler.run(NETPOL_FACT_RETRIEVER_ID);
  });

  afterAll(async () => {
    await backend?.stop();
    await clusters?.stop();
  });

  async function facts(name: string) {
    const res = await request(backend.server)
      .get('/api/tech-insights/facts/latest')
      .query({ entity: `component:default/${name}`, 'ids[]': NETPOL_FACT_RETRIEVER_ID });
    expect(res.status).toBe(200);
    return res.body[NETPOL_FACT_RETRIEVER_ID]?.facts;
  }

  async function entityView(name: string): Promise<EntityComplianceResponse> {
    const res = await request(backend.server).get(`/api/netpol-compliance/entity/component/default/${name}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** What the entity tab shows, counted the way the facts count. */
  function expected(view: EntityComplianceResponse) {
    const namespaces = view.clusters.flatMap(c =>
      c.namespaces.map(ns => ({ results: [...ns.results, ...c.results] })),
    );
    return {
      namespacesMapped: namespaces.length,
      failing004: namespaces.filter(ns => ns.results.some(r => r.control === 'NETPOL-004' && r.status === 'fail')).length,
      unknown: namespaces.reduce((n, ns) => n + ns.results.filter(r => r.status === 'unknown').length, 0),
    };
  }

  it('publishes the schema with its version', async () => {
    const res = await request(backend.server).get('/api/tech-insights/fact-schemas');
    expect(res.status).toBe(200);
    const schema = res.body.find((s: any) => s.id === NETPOL_FACT_RETRIEVER_ID);
    expect(schema.version).toBe(NETPOL_FACTS_VERSION);
    // The store flattens the schema's facts beside id and version.
    expect(schema[FAILS_004].type).toBe('integer');
  });

  it.each(['shop-web', 'payments-api', 'analytics-etl'])(
    'agrees with the entity tab for %s',
    async name => {
      const got = await facts(name);
      const want = expected(await entityView(name));
      expect(want.namespacesMapped).toBeGreaterThan(0);
      expect(got.namespacesMapped).toBe(want.namespacesMapped);
      expect(got[FAILS_004]).toBe(want.failing004);
      expect(got.unknownCount).toBe(want.unknown);
      expect(typeof got.lastScannedAt).toBe('string');
    },
  );

  it.each(['shop-web', 'payments-api', 'analytics-etl'])(
    'publishes NETPOL-007 for %s as its tab judges the declared connections',
    async name => {
      const got = await facts(name);
      const tab = entityConnectionsSummary(`component:default/${name}`, (await entityView(name)).clusters);
      const failingNamespaces = tab.items.filter(i => i.connections.connections.some(c => c.verdict === 'blocked'));
      // Never a 0 for relations no scan has checked: the fact is absent then.
      expect({ status: tab.status, fact: got[FAILS_007] }).toEqual({
        status: tab.status,
        fact: tab.status === 'unknown' ? undefined : failingNamespaces.length,
      });
    },
  );

  it('has a demo entity with a blocked declared connection and one without', async () => {
    const published = await Promise.all(['shop-web', 'payments-api', 'analytics-etl'].map(async n => (await facts(n))[FAILS_007]));
    expect(published.some(n => n > 0)).toBe(true);
    expect(published).toContain(0);
  });

  it('has no facts for an entity that runs on no cluster', async () => {
    expect(await facts('docs-site')).toBeUndefined();
  });

  it('runs the default-deny check through Tech Insights, failing where a namespace lacks one', async () => {
    const outcomes: Record<string, boolean> = {};
    for (const name of ['shop-web', 'payments-api', 'analytics-etl']) {
      const res = await request(backend.server)
        .post(`/api/tech-insights/checks/run/default/component/${name}`)
        .send({ checks: ['netpolDefaultDenyIngress'] });
      expect(res.status).toBe(200);
      const f = await facts(name);
      outcomes[name] = res.body[0].result;
      expect(res.body[0].result).toBe(f[FAILS_004] === 0 && f.unknownCount === 0);
    }
    // The demo has both kinds, so the check is not trivially one-sided.
    expect(new Set(Object.values(outcomes)).size).toBe(2);
  });
});
