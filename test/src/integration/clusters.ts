import path from 'path';
import net from 'net';
import { DemoCluster, startDemoCluster } from '@netpol/demo-cluster';

export const EXAMPLES = path.resolve(__dirname, '../../../examples');

export interface DemoClusters {
  prodEu: DemoCluster;
  stagingUs: DemoCluster;
  /** A port nothing listens on: an unreachable cluster. */
  deadPort: number;
  stop(): Promise<void>;
}

/** A free loopback port, closed again at once: nothing will answer there. */
async function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
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
    deadPort: await unusedPort(),
    async stop() {
      await Promise.all([prodEu.stop(), stagingUs.stop()]);
    },
  };
}

/** The kubernetes backend's config for the demo clusters. */
export function kubernetesConfig(clusters: DemoClusters, extra: object[] = []) {
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
