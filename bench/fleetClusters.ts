/**
 * Child process: the fleet bench's clusters. One demo cluster server per
 * cluster name, all in this process, each serving a small generated cluster
 * (its own seed) and answering every request after `latencyMs`, as a remote
 * API server would. The clusters are kept small on purpose: a scan of one
 * waits on the network far longer than it computes, so the pass time of a
 * fleet measures how replicas share the waiting, which two cores can show,
 * not how fast they compute, which they cannot. Runs until SIGTERM.
 */
import { startDemoCluster, type DemoCluster } from '@netpol/demo-cluster';
import { generateCluster, type ClusterSize } from './generateCluster';

export interface FleetClustersArgs {
  count: number;
  latencyMs: number;
  seed: number;
  token: string;
  size: ClusterSize;
  /** Cluster names are `<prefix>-001` and so on. */
  prefix: string;
}

export function fleetClusterName(prefix: string, index: number): string {
  return `${prefix}-${String(index + 1).padStart(3, '0')}`;
}

export async function main(args: FleetClustersArgs, ipc: { send(msg: object): Promise<void>; onRequest(type: string, handler: (msg: any) => unknown): void }) {
  const clusters: DemoCluster[] = [];
  let objects = 0;
  for (let i = 0; i < args.count; i++) {
    const name = fleetClusterName(args.prefix, i);
    const generated = generateCluster({ size: args.size, seed: args.seed + i, name });
    objects += generated.objects.length;
    clusters.push(
      await startDemoCluster({
        name,
        objects: generated.objects,
        port: 0,
        tokens: [args.token],
        faults: args.latencyMs > 0 ? [{ delayMs: args.latencyMs }] : [],
      }),
    );
  }
  // Requests each cluster received: how many a scan makes, and that none was missed.
  ipc.onRequest('requests', () => Object.fromEntries(clusters.map(c => [c.name, c.requests])));
  ipc.onRequest('reset-requests', () => {
    for (const c of clusters) c.resetRequests();
    return {};
  });

  await new Promise<void>(resolve => {
    const stop = () => {
      Promise.all(clusters.map(c => c.stop())).then(() => resolve(), () => resolve());
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    ipc.send({ type: 'ready', clusters: clusters.map(c => ({ name: c.name, url: c.url })), objectsPerCluster: objects / Math.max(1, args.count) });
  });
  return {};
}
