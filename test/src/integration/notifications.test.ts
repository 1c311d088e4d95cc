/**
 * Owners hear about a regression once: the real notifications backend, the
 * real netpol-compliance backend scanning the demo clusters; the test
 * removes prod-eu/shop's default-deny policy and rescans.
 */
import path from 'path';
import { loadManifests } from '@netpol/demo-cluster';
import { DemoClusters, EXAMPLES, kubernetesConfig, startExampleClusters } from './clusters';
import { CAROL, GUEST, startNotificationsBackend } from './notificationsBackend';

jest.setTimeout(120_000);

describe('regression notifications', () => {
  let clusters: DemoClusters;
  let backend: Awaited<ReturnType<typeof startNotificationsBackend>>;

  beforeAll(async () => {
    clusters = await startExampleClusters();
    backend = await startNotificationsBackend(kubernetesConfig(clusters));
  });

  afterAll(async () => {
    await backend?.stop();
    await clusters?.stop();
  });

  const scanAndNotify = () => backend.scanAndNotify();
  const notificationsOf = (user: string) => backend.notificationsOf(user);

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
    expect(received[0].payload.description).toContain('NETPOL-004 Namespace denies ingress by default now fails in 1 namespace.');
    expect(received[0].payload.description).not.toContain('prod-eu');
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
    expect(carol[0].payload.description).toContain('NETPOL-002 Cluster runs a network policy enforcer now fails on 1 cluster.');
    expect(carol[0].payload.link).toBe('/catalog/default/component/payments-api/netpol-compliance');
    expect(await notificationsOf(GUEST)).toHaveLength(2);

    await scanAndNotify();
    expect(await notificationsOf(CAROL)).toHaveLength(1);
  });
});
