/**
 * The real search backend (Lunr, in memory) with the control docs collator:
 * searching "default deny" finds NETPOL-004's page.
 */
import request from 'supertest';
import searchBackend from '@backstage/plugin-search-backend';
import searchControlsModule, {
  NETPOL_CONTROL_DOCUMENT_TYPE,
} from '@netpol/plugin-search-backend-module-netpol-compliance';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DemoClusters, kubernetesConfig, startExampleClusters } from './clusters';
import { startIntegrationsBackend } from './integrationsBackend';

jest.setTimeout(60_000);

describe('Backstage search over the control docs', () => {
  let clusters: DemoClusters;
  let backend: Awaited<ReturnType<typeof startIntegrationsBackend>>;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    backend = await startIntegrationsBackend({
      kubernetes: kubernetesConfig(clusters),
      features: [catalogServiceMock.factory({ entities: [] }), searchBackend, searchControlsModule],
    });
    const indexTask = [...backend.scheduler.tasks.keys()].find(id => id.startsWith('search_index_netpol'));
    if (!indexTask) throw new Error('the collator registered no index task');
    await backend.scheduler.run(indexTask);
  });

  afterAll(async () => {
    await backend?.stop();
    await clusters?.stop();
  });

  async function search(term: string) {
    const res = await request(backend.server)
      .get('/api/search/query')
      .query({ term, types: [NETPOL_CONTROL_DOCUMENT_TYPE] });
    expect(res.status).toBe(200);
    return res.body.results.map((r: any) => r.document);
  }

  it('finds NETPOL-004 for "default deny", among the first two with its egress twin', async () => {
    const docs = await search('default deny');
    const ids = docs.map((d: any) => d.controlId);
    expect(ids.slice(0, 2)).toContain('NETPOL-004');
    expect(ids).toContain('NETPOL-005');
    const doc = docs.find((d: any) => d.controlId === 'NETPOL-004');
    expect(doc.location).toBe('/netpol-compliance/controls/NETPOL-004');
    expect(doc.text).toContain('How to fix');
  });

  it('finds a control by the framework item it maps to', async () => {
    // Kubescape C-0260 "Missing network policy" is NETPOL-003's item.
    const ids = (await search('C-0260')).map((d: any) => d.controlId);
    expect(ids[0]).toBe('NETPOL-003');
  });

  it('finds nothing of ours for an unrelated word', async () => {
    expect(await search('kafka')).toEqual([]);
  });
});
