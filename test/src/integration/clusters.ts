import path from 'path';
import { DemoCluster, freeLoopbackPort, startDemoCluster } from '@netpol/demo-cluster';

export const EXAMPLES = path.resolve(__dirname, '../../../examples');

export interface DemoClusters {
  prodEu: DemoCluster;
  stagingUs: DemoCluster;
  /** A port nothing listens on: an unreachable cluster. */
  deadPort: number;
  stop(): Promise<void>;
}

export async function startExampleClusters(): Promise<DemoClusters> {
  const prodEu = await startDemoCluster({
    name: 'prod-eu',
    manifestsDir: path.join(EXAMPLES, 'clusters/prod-eu'),
    port: 0,
    tokens: ['prod-token'],
  });
  const stagingUs = await startDemoCluster({
    name: 'staging-us',
    manifestsDir: path.join(EXAMPLES, 'clusters/staging-us'),
    port: 0,
    tokens: ['staging-token'],
  });
  return {
    prodEu,
    stagingUs,
    deadPort: await freeLoopbackPort(),
    async stop() {
      await Promise.all([prodEu.stop(), stagingUs.stop()]);
    },
  };
}

/** Where the demo clusters answer: in this process, or a demo-cluster process. */
export interface ClusterUrls {
  prodEu: { url: string };
  stagingUs: { url: string };
  deadPort: number;
}

/** The kubernetes backend's config for the demo clusters. */
export function kubernetesConfig(clusters: ClusterUrls, extra: object[] = []) {
  const cluster = (name: string, url: string, token: string) => ({
    name,
    url,
    authProvider: 'serviceAccount',
    serviceAccountToken: token,
    skipMetricsLookup: true,
  });
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          cluster('prod-eu', clusters.prodEu.url, 'prod-token'),
          cluster('staging-us', clusters.stagingUs.url, 'staging-token'),
          cluster('unreachable', `http://127.0.0.1:${clusters.deadPort}`, 'x'),
          ...extra,
        ],
      },
    ],
  };
}
