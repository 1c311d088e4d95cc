import pLimit from 'p-limit';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { ClusterReport } from '@netpol/plugin-netpol-compliance-common';
import {
  KubernetesBackendClient,
  KubernetesClusterInfo,
} from '../kubernetes/KubernetesBackendClient';
import { ClusterScanner } from './ClusterScanner';
import { ReportStore, StoredCluster } from '../store/ReportStore';

/**
 * Auth providers whose credentials come from the signed-in user's browser:
 * a background scan has no token for them.
 */
export const USER_TOKEN_AUTH_PROVIDERS = new Set(['google', 'oidc', 'aks']);

export interface ScanSummary {
  clusters: Array<{ name: string; ok: boolean; durationMs?: number; error?: string }>;
}

/**
 * Scans every cluster the kubernetes backend knows, a few at a time, and
 * stores each result as it comes; one failing cluster never blocks or
 * erases the others. Keeps the parsed latest reports in memory and reloads
 * only those another replica changed.
 */
export class ScanService {
  private readonly cache = new Map<string, StoredCluster>();
  /** The kubernetes backend's clusters as last listed: names and auth providers. */
  private readonly known = new Map<string, KubernetesClusterInfo>();
  private running?: Promise<ScanSummary>;

  constructor(
    private readonly deps: {
      client: KubernetesBackendClient;
      scanner: ClusterScanner;
      store: ReportStore;
      logger: LoggerService;
      clusterConcurrency: number;
    },
  ) {}

  /** Scans all clusters; a call during a scan joins the running one. */
  scanAll(): Promise<ScanSummary> {
    if (!this.running) {
      this.running = this.doScanAll().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /**
   * Starts a scan of one cluster by name (or joins a full scan already
   * running); rejects at once when the kubernetes backend has no such cluster.
   */
  async startScanOf(name: string): Promise<{ done: Promise<ScanSummary> }> {
    if (this.running) return { done: this.running };
    const clusters = await this.listClusters();
    const cluster = clusters.find(c => c.name === name);
    if (!cluster) throw new NotFoundError(`The kubernetes backend has no cluster named ${name}`);
    return { done: this.scanCluster(cluster).then(result => ({ clusters: [result] })) };
  }

  private async doScanAll(): Promise<ScanSummary> {
    const { logger } = this.deps;
    let clusters: KubernetesClusterInfo[];
    try {
      clusters = await this.listClusters();
    } catch (e) {
      logger.error(`Could not list clusters from the kubernetes backend: ${(e as Error).message}`);
      throw e;
    }
    const limit = pLimit(this.deps.clusterConcurrency);
    const results = await Promise.all(
      clusters.map(cluster => limit(() => this.scanCluster(cluster))),
    );
    return { clusters: results };
  }

  private async scanCluster(cluster: KubernetesClusterInfo) {
    const { scanner, store, logger } = this.deps;
    const at = new Date().toISOString();
    if (USER_TOKEN_AUTH_PROVIDERS.has(cluster.authProvider)) {
      const error = `Cluster ${cluster.name} uses the "${cluster.authProvider}" auth provider, which needs the signed-in user's own token; background scans cannot read it.`;
      await store.saveFailure(cluster, at, error);
      return { name: cluster.name, ok: false, error };
    }
    try {
      const { report, durationMs } = await scanner.scan(cluster);
      if (report.errors.some(e => e.resource === 'namespaces')) {
        // Without the namespace list there is nothing to report on; keep the
        // last good report and say why this attempt failed.
        const error = report.errors.find(e => e.resource === 'namespaces')!.reason;
        await store.saveFailure(cluster, at, error);
        logger.warn(`Scan of cluster ${cluster.name} failed: ${error}`);
        return { name: cluster.name, ok: false, error };
      }
      // The previous report goes first: a large cluster's two reports and
      // the scan's own data need not be in memory at once.
      this.cache.delete(cluster.name);
      const stored = await store.saveReport(report, durationMs);
      // Keep the report as stored, so the first page after a scan does not
      // read a large cluster's report back from the database. Parsed from
      // the stored JSON rather than kept as evaluated: plain data that
      // shares nothing with the scan's snapshot, which can then be freed.
      this.cache.set(cluster.name, {
        cluster: cluster.name,
        title: cluster.title,
        report: JSON.parse(stored) as ClusterReport,
        scannedAt: report.scannedAt,
        durationMs,
        lastAttemptAt: report.scannedAt,
      });
      logger.info(
        `Scanned cluster ${cluster.name} in ${durationMs} ms: ${report.namespaces.length} namespaces, ${report.errors.length} read errors`,
      );
      return { name: cluster.name, ok: true, durationMs };
    } catch (e) {
      const error = (e as Error).message;
      await store.saveFailure(cluster, at, error);
      logger.warn(`Scan of cluster ${cluster.name} failed: ${error}`);
      return { name: cluster.name, ok: false, error };
    }
  }

  history(options: { sinceDay: string; cluster?: string; namespace?: string; control?: string }) {
    return this.deps.store.history(options);
  }

  private async listClusters(): Promise<KubernetesClusterInfo[]> {
    const clusters = await this.deps.client.listClusters();
    this.known.clear();
    for (const c of clusters) this.known.set(c.name, c);
    return clusters;
  }

  /** The auth provider of a cluster, as the kubernetes backend last listed it. */
  clusterInfo(name: string): KubernetesClusterInfo | undefined {
    return this.known.get(name);
  }

  /**
   * Scans the clusters that need the user's own token, with the caller's
   * `Backstage-Kubernetes-Authorization-*` headers, the way the kubernetes
   * plugin's frontend reads them. The result reflects what that user may
   * read, so it is returned to them and never stored for others.
   */
  async scanWithUserToken(
    names: string[] | undefined,
    authHeaders: Record<string, string>,
  ): Promise<StoredCluster[]> {
    const clusters = (await this.listClusters()).filter(
      c => USER_TOKEN_AUTH_PROVIDERS.has(c.authProvider) && (!names || names.includes(c.name)),
    );
    return Promise.all(
      clusters.map(async (cluster): Promise<StoredCluster> => {
        const at = new Date().toISOString();
        try {
          const { report, durationMs } = await this.deps.scanner.scan(cluster, { authHeaders });
          const failed = report.errors.find(e => e.resource === 'namespaces');
          if (failed) {
            return { cluster: cluster.name, title: cluster.title, lastAttemptAt: at, lastError: failed.reason };
          }
          return { cluster: cluster.name, title: cluster.title, report, scannedAt: report.scannedAt, durationMs, lastAttemptAt: report.scannedAt };
        } catch (e) {
          return { cluster: cluster.name, title: cluster.title, lastAttemptAt: at, lastError: (e as Error).message };
        }
      }),
    );
  }

  /** The stored clusters with their parsed reports, reloading what changed. */
  async storedClusters(): Promise<StoredCluster[]> {
    const heads = await this.deps.store.listClusterHeads();
    const result: StoredCluster[] = [];
    for (const head of heads) {
      let cached = this.cache.get(head.cluster);
      if (!cached || cached.scannedAt !== head.scannedAt) {
        cached = head.scannedAt ? await this.deps.store.getCluster(head.cluster) : head;
        if (!cached) continue;
        this.cache.set(head.cluster, cached);
      }
      // The attempt fields are cheap and change without a new report.
      result.push({ ...cached, lastAttemptAt: head.lastAttemptAt, lastError: head.lastError, title: head.title });
    }
    return result;
  }
}
