/**
 * Clusters whose kubernetes auth provider needs the signed-in user's own
 * token (oidc here) cannot be scanned in the background; the entity view
 * scans them on demand with the user's Backstage-Kubernetes-Authorization-*
 * header, which the real kubernetes backend turns into the cluster's bearer
 * token.
 */
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EntityComplianceResponse } from '@netpol/plugin-netpol-compliance-common';
import { DemoClusters, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startNetpolBackend } from './backend';

jest.setTimeout(60_000);

describe('clusters that need the user’s own token', () => {
  let clusters: DemoClusters;
  let backend: Awaited<ReturnType<typeof startNetpolBackend>>;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    clusters.prodEu.setTokens(['prod-token', 'alice-oidc-token']);
    backend = await startNetpolBackend({
      kubernetes: kubernetesConfig(clusters, [
        {
          name: 'prod-eu-sso',
          url: clusters.prodEu.url,
          authProvider: 'oidc',
          oidcTokenProvider: 'okta',
          skipMetricsLookup: true,
        },
      ]),
      features: [catalogServiceMock.factory({ entities: exampleEntities() })],
    });
    await request(backend.server).post('/api/netpol-compliance/scan?wait=true');
  });

  afterAll(async () => {
    await backend?.stop();
    await clusters?.stop();
  });

  const ssoView = (body: EntityComplianceResponse) =>
    body.clusters.find(c => c.cluster.name === 'prod-eu-sso');

  it('says why a background scan cannot read it, and offers the on-demand scan', async () => {
    const res = await request(backend.server).get('/api/netpol-compliance/entity/component/default/shop-namespace');
    const view = ssoView(res.body);
    expect(view?.state).toBe('error');
    expect(view?.error).toMatch(/oidc.*signed-in user's own token/);
    expect(view?.cluster.needsUserToken).toBe(true);
    expect(view?.namespaces[0].results.every(r => r.status === 'unknown')).toBe(true);
  });

  it('scans it with the caller’s token on demand, without storing it', async () => {
    const res = await request(backend.server)
      .post('/api/netpol-compliance/entity/component/default/shop-namespace/scan')
      .set('Backstage-Kubernetes-Authorization-oidc-okta', 'alice-oidc-token');
    expect(res.status).toBe(200);
    const view = ssoView(res.body);
    expect(view?.state).toBe('ok');
    expect(view?.scannedWithUserToken).toBe(true);
    expect(view?.namespaces.find(n => n.namespace === 'shop')?.results.find(r => r.control === 'NETPOL-001')?.status).toBe('pass');
    expect(res.text).not.toContain('alice-oidc-token');
    // Not stored: the plain view still cannot read it.
    const plain = await request(backend.server).get('/api/netpol-compliance/entity/component/default/shop-namespace');
    expect(ssoView(plain.body)?.state).toBe('error');
  });

  it('reports a token the cluster refuses as an error, never as pass', async () => {
    const res = await request(backend.server)
      .post('/api/netpol-compliance/entity/component/default/shop-namespace/scan')
      .set('Backstage-Kubernetes-Authorization-oidc-okta', 'wrong');
    const view = ssoView(res.body);
    expect(view?.state).toBe('error');
    expect(view?.error).toMatch(/401|Unauthorized/);
    expect(view?.namespaces.every(n => n.results.every(r => r.status === 'unknown'))).toBe(true);
  });

  it('asks for a header when there is none', async () => {
    const res = await request(backend.server).post('/api/netpol-compliance/entity/component/default/shop-namespace/scan');
    expect(res.status).toBe(400);
  });
});
