/**
 * Owners hear about a regression once: the real notifications backend, the
 * real netpol-compliance backend scanning the demo clusters; the test
 * removes prod-eu/shop's default-deny policy and rescans.
 */
import path from 'path';
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import { Entity, RELATION_HAS_MEMBER, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { loadManifests } from '@netpol/demo-cluster';
import { DemoClusters, EXAMPLES, kubernetesConfig, startExampleClusters } from './clusters';
import { exampleEntities } from './entities';
import { startIntegrationsBackend } from './integrationsBackend';

jest.setTimeout(120_000);

const NOTIFIER = 'netpol-compliance-notify-regressions';
const GUEST = 'user:default/guest'; // member of team-shop (examples/catalog/org.yaml)
const CAROL = 'user:default/carol'; // member of team-payments, added here

/** The demo catalog with the relations the catalog would compute (ownedBy, hasMember). */
function catalogWithRelations(): Entity[] {
  const entities = exampleEntities();
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'carol', namespace: 'default' },
    spec: { memberOf: ['team-payments'] },
  });
  for (const e of entities) {
    const owner = (e.spec as any)?.owner;
    if (owner) e.relations = [{ type: RELATION_OWNED_BY, targetRef: `group:default/${owner}` }];
  }
  for (const user of entities.filter(e => e.kind === 'User')) {
    for (const team of ((user.spec as any).memberOf ?? []) as string[]) {
      const group = entities.find(e => e.kind === 'Group' && e.metadata.name === team)!;
      group.relations = [
        ...(group.relations ?? []),
        { type: RELATION_HAS_MEMBER, targetRef: `user:default/${user.metadata.name}` },
      ];
    }
  }
  return entities;
}

describe('regression notifications', () => {
  let clusters: DemoClusters;
  let backend: Awaited<ReturnType<typeof startIntegrationsBackend>>;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    backend = await startIntegrationsBackend({
      kubernetes: kubernetesConfig(clusters),
      config: { app: { baseUrl: 'http://localhost:3000' } },
      features: [catalogServiceMock.factory({ entities: catalogWithRelations() }), notificationsBackend],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await clusters?.stop();
  });

  async function scanAndNotify() {
    const scan = await request(backend.server).post('/api/netpol-compliance/scan?wait=true');
    expect(scan.status).toBe(200);
    await backend.scheduler.run(NOTIFIER);
  }

  async function notificationsOf(user: string) {
    const res = await request(backend.server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return res.body.notifications as Array<{ payload: { title: string; link?: string; description?: string } }>;
  }

  it('is silent on the first scans, sends one notification on a regression, and none while it stands', async () => {
    await scanAndNotify();
    await scanAndNotify();
    expect(await notificationsOf(GUEST)).toEqual([]);

    // prod-eu/shop loses its default-deny policy.
    const { objects } = loadManifests(path.join(EXAMPLES, 'clusters/prod-eu'));
    clusters.prodEu.setObjects(
      objects.filter((o: any) => !(o.kind === 'NetworkPolicy' && o.metadata?.namespace === 'shop' && o.metadata?.name === 'default-deny-all')),
    );
    await scanAndNotify();

    const received = await notificationsOf(GUEST);
    expect(received).toHaveLength(1);
    expect(received[0].payload.link).toMatch(/^\/catalog\/default\/component\/shop-[a-z]+\/netpol-compliance$/);
    expect(received[0].payload.description).toContain('prod-eu/shop: NETPOL-004');
    expect(await notificationsOf(CAROL)).toEqual([]);

    // The failure stands: the next scan tells nobody again.
    await scanAndNotify();
    expect(await notificationsOf(GUEST)).toHaveLength(1);
  });

  it('tells every owner on the cluster once when its enforcer disappears', async () => {
    // prod-eu's Calico is replaced by flannel (staging-us's), which does not
    // enforce NetworkPolicy: NETPOL-002 fails. (With no network plugin
    // recognised at all it would be unknown, and nobody is told.)
    const { objects } = loadManifests(path.join(EXAMPLES, 'clusters/prod-eu'));
    const flannel = loadManifests(path.join(EXAMPLES, 'clusters/staging-us')).objects.filter(
      (o: any) => o.metadata?.namespace === 'kube-system' && String(o.metadata?.name).includes('flannel'),
    );
    expect(flannel.length).toBeGreaterThan(0);
    clusters.prodEu.setObjects([
      ...objects.filter(
        (o: any) =>
          !(o.kind === 'NetworkPolicy' && o.metadata?.namespace === 'shop' && o.metadata?.name === 'default-deny-all') &&
          !(o.metadata?.namespace === 'kube-system' && String(o.metadata?.name).startsWith('calico')),
      ),
      ...flannel,
    ]);
    await scanAndNotify();
    const carol = await notificationsOf(CAROL);
    expect(carol).toHaveLength(1);
    expect(carol[0].payload.description).toContain('cluster prod-eu: NETPOL-002');
    expect(carol[0].payload.link).toBe('/catalog/default/component/payments-api/netpol-compliance');
    expect(await notificationsOf(GUEST)).toHaveLength(2);

    await scanAndNotify();
    expect(await notificationsOf(CAROL)).toHaveLength(1);
  });
});
