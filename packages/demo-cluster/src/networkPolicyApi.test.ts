/**
 * The network-policy API kinds (policy.networking.k8s.io) are CRDs: served,
 * and listed in discovery with their versions, only on a cluster whose data
 * holds some, as on a real cluster that installed them.
 */
import path from 'node:path';
import { startDemoCluster } from './cluster';
import { getJson } from './__testUtils__/http';

const EXAMPLES = path.resolve(__dirname, '../../../examples/clusters');
const GROUP = 'policy.networking.k8s.io';

describe('network-policy API kinds', () => {
  it('prod-eu serves its AdminNetworkPolicy and BaselineAdminNetworkPolicy', async () => {
    const cluster = await startDemoCluster({
      manifestsDir: path.join(EXAMPLES, 'prod-eu'),
    });
    try {
      const apis = await getJson(`${cluster.url}/apis`);
      const group = apis.body.groups.find((g: any) => g.name === GROUP);
      expect(group.versions.map((v: any) => v.groupVersion)).toEqual(
        expect.arrayContaining([`${GROUP}/v1alpha1`, `${GROUP}/v1alpha2`]),
      );
      const anps = await getJson(
        `${cluster.url}/apis/${GROUP}/v1alpha1/adminnetworkpolicies`,
      );
      expect(anps.body.items.map((i: any) => i.metadata.name)).toEqual([
        'ingress-to-reports',
      ]);
      const banps = await getJson(
        `${cluster.url}/apis/${GROUP}/v1alpha1/baselineadminnetworkpolicies`,
      );
      expect(banps.body.items.map((i: any) => i.metadata.name)).toEqual([
        'default',
      ]);
    } finally {
      await cluster.stop();
    }
  });

  it('staging-us, without them, does not serve the group', async () => {
    const cluster = await startDemoCluster({
      manifestsDir: path.join(EXAMPLES, 'staging-us'),
    });
    try {
      const apis = await getJson(`${cluster.url}/apis`);
      expect(apis.body.groups.map((g: any) => g.name)).not.toContain(GROUP);
      const list = await getJson(
        `${cluster.url}/apis/${GROUP}/v1alpha1/adminnetworkpolicies`,
      );
      expect(list.status).toBe(404);
    } finally {
      await cluster.stop();
    }
  });
});
