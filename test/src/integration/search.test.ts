/**
 * The real search backend (Lunr, in memory) with the control docs collator:
 * searching "default deny" finds NETPOL-004's page.
 */
import request from 'supertest';
import searchBackend from '@backstage/plugin-search-backend';
import searchCatalogModule from '@backstage/plugin-search-backend-module-catalog';
import searchControlsModule, {
  NETPOL_CONTROL_DOCUMENT_TYPE,
} from '@netpol/plugin-search-backend-module-netpol-compliance';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DemoClusters, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startIntegrationsBackend } from './integrationsBackend';

jest.setTimeout(60_000);

describe('Backstage search over the control docs', () => {
  let clusters: DemoClusters;
  let backend: Awaited<ReturnType<typeof startIntegrationsBackend>>;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    backend = await startIntegrationsBackend({
      kubernetes: kubernetesConfig(clusters),
      // The demo's catalog is indexed too, as in the demo app: the control
      // docs must rank among entities named in namespace "default".
      features: [
        catalogServiceMock.factory({ entities: exampleEntities() }),
        searchBackend,
        searchCatalogModule,
        searchControlsModule,
      ],
    });
    const indexTasks = [...backend.scheduler.tasks.keys()].filter(id => id.startsWith('search_index_'));
    if (!indexTasks.some(id => id.startsWith('search_index_netpol'))) throw new Error('the collator registered no index task');
    for (const id of indexTasks) await backend.scheduler.run(id);
  });

  afterAll(async () => {
    await backend?.stop();
    await clusters?.stop();
  });

  async function search(term: string, types: string[] = [NETPOL_CONTROL_DOCUMENT_TYPE]) {
    const res = await request(backend.server).get('/api/search/query').query({ term, types });
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

  it('finds NETPOL-004 for "default deny" over every type, ahead of the controls that are not about it', async () => {
    // Lunr ranks across indexes by raw score, and its IDF favours a word in
    // every catalog entity (namespace "default"): entities come first there.
    // The app's "Network policy controls" result type asks our type only.
    const ids = (await search('default deny', [])).map((d: any) => d.controlId).filter(Boolean);
    expect(ids.slice(0, 2).sort()).toEqual(['NETPOL-004', 'NETPOL-005']);
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
