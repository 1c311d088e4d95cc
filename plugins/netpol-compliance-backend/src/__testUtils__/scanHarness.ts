import type { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import type { KubernetesBackendClient, KubernetesClusterInfo } from '../kubernetes/KubernetesBackendClient';
import { ClusterScanJob } from '../scan/ClusterScanJob';
import type { ClusterScanner } from '../scan/ClusterScanner';
import { ReportCache } from '../scan/ReportCache';
import { ScanQueue } from '../scan/ScanQueue';
import { ScanService } from '../scan/ScanService';
import type { RenewalRule } from '../scan/dueClusters';
import { ReplicaActivity } from '../scan/ReplicaActivity';
import { KnownClusters } from '../store/KnownClusters';
import { ReportStore } from '../store/ReportStore';
import { ScanLeases } from '../store/ScanLeases';
import { splitReport } from '../store/reportParts';
import { clusterReport } from './clusterReport';

/**
 * A fake cluster scanner whose scans end when the test says so: it counts
 * scans per cluster and the most that ran at once, and honours the signal
 * the way the real one does (a stopped scan returns with its lists missing).
 */
export class FakeScanner {
  readonly started: string[] = [];
  running = 0;
  peak = 0;
  private readonly gates = new Map<string, Array<() => void>>();
  /** Clusters whose scans wait for `finish`; others end at once. */
  readonly held = new Set<string>();
  private last = 0;

  async scan(cluster: KubernetesClusterInfo, options: { signal?: AbortSignal } = {}) {
    this.started.push(cluster.name);
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    // The real clock, as the scanner's; never the same instant twice.
    this.last = Math.max(Date.now(), this.last + 1);
    const scannedAt = new Date(this.last).toISOString();
    try {
      if (this.held.has(cluster.name)) {
        await new Promise<void>(resolve => {
          const list = this.gates.get(cluster.name) ?? [];
          list.push(resolve);
          this.gates.set(cluster.name, list);
          options.signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      const report = clusterReport(cluster.name, scannedAt, { shop: 'pass' });
      if (options.signal?.aborted) {
        report.errors.push({ resource: 'namespaces', reason: 'Namespace list failed: the cluster scan timed out' });
      }
      return { parts: splitReport(report), namespaceCount: report.namespaces.length, durationMs: 5, skipped: {} };
    } finally {
      this.running--;
    }
  }

  finish(cluster: string) {
    this.held.delete(cluster);
    for (const resolve of this.gates.get(cluster) ?? []) resolve();
    this.gates.delete(cluster);
  }

  count(cluster: string) {
    return this.started.filter(c => c === cluster).length;
  }
}

export function fakeClient(clusters: KubernetesClusterInfo[]) {
  return { listClusters: async () => clusters.map(c => ({ ...c })) } as unknown as KubernetesBackendClient;
}

/** One replica's scanning over a shared database. */
export function replica(
  db: Knex,
  options: {
    name: string;
    scanner: FakeScanner;
    clusters: KubernetesClusterInfo[];
    concurrency?: number;
    maxWaiting?: number;
    store?: ReportStore;
    cacheChars?: number;
    staleAfterMs?: number;
    configuredClusters?: string[];
    leaseTtlMs?: number;
    renewal?: RenewalRule;
  },
) {
  const store = options.store ?? new ReportStore(db);
  const logger = mockServices.logger.mock();
  const cache = new ReportCache(store, options.cacheChars ?? 1e9);
  const leases = new ScanLeases(db);
  const scanner = options.scanner as unknown as ClusterScanner;
  const activity = new ReplicaActivity(options.name);
  const job = new ClusterScanJob({
    scanner, store, leases, cache, logger, activity, holder: options.name, leaseTtlMs: options.leaseTtlMs ?? 60_000, pollMs: 20,
  });
  const scans = new ScanService({
    client: fakeClient(options.clusters),
    scanner,
    store,
    known: new KnownClusters(db),
    cache,
    queue: new ScanQueue({ concurrency: options.concurrency ?? 3, maxWaiting: options.maxWaiting ?? 100 }),
    job,
    logger,
    staleAfterMs: options.staleAfterMs ?? 3_600_000,
    configuredClusters: options.configuredClusters,
    renewal: options.renewal,
  });
  return { scans, store, cache, leases, logger, activity };
}

/** Lets pending promise callbacks and database round trips run. */
export async function settle(ms = 50) {
  await new Promise(resolve => setTimeout(resolve, ms));
}
