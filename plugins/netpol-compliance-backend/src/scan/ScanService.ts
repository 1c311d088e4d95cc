import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type {
  KubernetesBackendClient,
  KubernetesClusterInfo,
} from '../kubernetes/KubernetesBackendClient';
import type { KnownClusters } from '../store/KnownClusters';
import type { FleetFreshness, NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { joinReport } from '../store/reportParts';
import type { OwnerIndexStore } from '../store/OwnerIndexStore';
import type { ReportStore, StoredCluster } from '../store/ReportStore';
import type { ClusterScanner } from './ClusterScanner';
import {
  ClusterScanJob,
  ClusterScanOutcome,
  HELD_ELSEWHERE,
  USER_TOKEN_AUTH_PROVIDERS,
} from './ClusterScanJob';
import { dueBefore, dueClusters, oldestReportFirst, RenewalRule } from './dueClusters';
import { fleetFreshness, reportStaleness } from './freshness';
import type { ReportCache } from './ReportCache';
import type { ScanQueue } from './ScanQueue';
import { SingleFlight } from './SingleFlight';
import { scanOnceWithToken } from './userTokenScan';

export { USER_TOKEN_AUTH_PROVIDERS } from './ClusterScanJob';

/** An unchanged cluster listing is recorded again after this long. */
const LISTING_REFRESH_MS = 60_000;

export interface ScanSummary {
  clusters: ClusterScanOutcome[];
}

export interface ScanServiceOptions {
  client: KubernetesBackendClient;
  scanner: ClusterScanner;
  store: ReportStore;
  known: KnownClusters;
  cache: ReportCache;
  queue: ScanQueue;
  job: ClusterScanJob;
  logger: LoggerService;
  /** A report older than this is shown as stale (twice the schedule by default). */
  staleAfterMs: number;
  /** The last namespace owner index, kept across restarts. */
  ownerIndexes?: OwnerIndexStore;
  /** Cluster names the plugin's config has settings for: a name no listing has is a warning. */
  configuredClusters?: string[];
  /** When a cluster's report is renewed by the scheduled passes (`schedule.frequency`). */
  renewal?: RenewalRule;
  now?: () => Date;
}

/**
 * Scans clusters and serves the stored results. Every scan, scheduled or on
 * demand, goes through one per-replica queue (`clusterConcurrency` at once)
 * and holds its cluster's lease in the database, so a cluster is scanned
 * once at a time across replicas; a request for a cluster already being
 * scanned, here or elsewhere, joins that scan.
 */
export class ScanService {
  private readonly flights = new SingleFlight<ClusterScanOutcome>();
  private readonly fullScans = new SingleFlight<ScanSummary>();
  private readonly infoByName = new Map<string, KubernetesClusterInfo>();
  private warnedUnknownConfig = false;
  private lastRecorded?: { signature: string; at: number };

  constructor(private readonly deps: ScanServiceOptions) {}

  /** Where the service keeps its owner index across restarts (absent in tests). */
  get ownerIndexes(): OwnerIndexStore | undefined {
    return this.deps.ownerIndexes;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Scans all clusters, oldest report first; a call during a full scan joins
   * it. `signal` (the scheduled run's deadline) stops what is still queued
   * and cuts running scans short: those end as failed (`unknown`), never as
   * a second run. Resolves once every cluster's scan has settled.
   */
  scanAll(options: { signal?: AbortSignal } = {}): Promise<ScanSummary> {
    return this.fullScans.run('all', () => this.doScanAll(options.signal ?? new AbortController().signal));
  }

  private async doScanAll(signal: AbortSignal): Promise<ScanSummary> {
    const clusters = await this.listClustersOrLog();
    const heads = await this.deps.store.listClusterHeads().catch(() => []);
    const ordered = oldestReportFirst(clusters, heads);
    return { clusters: await Promise.all(ordered.map(c => this.scanCluster(c, signal, { onDemand: false }))) };
  }

  /**
   * One scheduled pass of this replica: the clusters due now (see
   * `dueClusters`), oldest report first, through this replica's queue. Every
   * replica runs its own passes; each scan takes its cluster's lease when
   * its slot starts, and a cluster another replica holds or has scanned
   * meanwhile is skipped at once, so replicas pull the fleet's work as they
   * have free slots and each cluster is scanned once per period.
   */
  async scanDue(options: { signal?: AbortSignal } = {}): Promise<ScanSummary> {
    const signal = options.signal ?? new AbortController().signal;
    const clusters = await this.listClustersOrLog();
    const heads = await this.deps.store.listClusterHeads();
    const before = dueBefore(this.deps.renewal ?? {}, this.now().getTime());
    const due = dueClusters(clusters, heads, before);
    const outcomes = await Promise.all(
      due.map(c => this.scanCluster(c, signal, { onDemand: false, requestedAt: before, followOthers: false })),
    );
    return { clusters: outcomes };
  }

  private async listClustersOrLog(): Promise<KubernetesClusterInfo[]> {
    try {
      return await this.listClusters();
    } catch (e) {
      this.deps.logger.error('Could not list clusters from the kubernetes backend', e as Error);
      throw e;
    }
  }

  /**
   * Scans one cluster, or joins the scan of it already running in this
   * replica or in another. Never rejects: failures are in the outcome.
   * `requestedAt`: an attempt since then answers the request (default now);
   * `followOthers: false` leaves a cluster another replica is scanning to
   * it instead of waiting for its outcome (scheduled passes).
   */
  scanCluster(
    cluster: KubernetesClusterInfo,
    signal: AbortSignal,
    options: { onDemand: boolean; requestedAt?: string; followOthers?: boolean },
  ): Promise<ClusterScanOutcome> {
    const { queue, job } = this.deps;
    const requestedAt = options.requestedAt ?? this.now().toISOString();
    return this.flights.run(cluster.name, async () => {
      const attempt = await queue.run(
        async () => (signal.aborted ? undefined : job.tryScan(cluster, signal, requestedAt)),
        { bounded: options.onDemand },
      );
      if (attempt === undefined) {
        return { name: cluster.name, ok: false, error: 'not scanned: the scheduled run ran out of time' };
      }
      if (attempt !== HELD_ELSEWHERE) return attempt;
      if (options.followOthers === false) return { name: cluster.name, ok: true, joined: true };
      return job.awaitOtherReplica(cluster, signal);
    });
  }

  /**
   * Starts a scan of one cluster by name (or joins the one running);
   * rejects at once when the kubernetes backend has no such cluster, or
   * when the queue is full.
   */
  async startScanOf(name: string): Promise<{ done: Promise<ScanSummary> }> {
    const cluster = (await this.listClusters()).find(c => c.name === name);
    if (!cluster) throw new NotFoundError(`The kubernetes backend has no cluster named ${name}`);
    if (!this.flights.isRunning(name) && this.queueFull) {
      throw new ServiceUnavailableError('Too many scan requests are waiting; try again when the running ones end');
    }
    const outcome = this.scanCluster(cluster, new AbortController().signal, { onDemand: true });
    return { done: outcome.then(c => ({ clusters: [c] })) };
  }

  /** True when an on-demand request would be refused now (503): checked before a caller's rate-limit slot is spent. */
  get queueFull(): boolean {
    return this.deps.queue.full;
  }

  history(options: { sinceDay: string; cluster?: string; namespace?: string; control?: string }) {
    return this.deps.store.history(options);
  }

  /**
   * Lists the clusters and records the listing in the database, so every
   * replica knows each cluster's auth provider and which ones were removed.
   */
  private async listClusters(): Promise<KubernetesClusterInfo[]> {
    const clusters = await this.deps.client.listClusters();
    for (const c of clusters) this.infoByName.set(c.name, c);
    // Every on-demand scan lists the clusters; an unchanged listing is
    // written again only once a minute, to keep its time current.
    const signature = JSON.stringify(clusters.map(c => [c.name, c.title, c.authProvider, c.oidcTokenProvider]));
    const now = this.now();
    const last = this.lastRecorded;
    if (!last || last.signature !== signature || now.getTime() - last.at >= LISTING_REFRESH_MS) {
      try {
        await this.deps.known.recordListing(clusters, now.toISOString());
        this.lastRecorded = { signature, at: now.getTime() };
      } catch (e) {
        this.deps.logger.warn('Could not record the cluster listing', e as Error);
      }
    }
    this.warnAboutUnknownConfig(clusters);
    return clusters;
  }

  private warnAboutUnknownConfig(clusters: KubernetesClusterInfo[]) {
    if (this.warnedUnknownConfig) return;
    this.warnedUnknownConfig = true;
    const names = new Set(clusters.map(c => c.name));
    for (const configured of this.deps.configuredClusters ?? []) {
      if (!names.has(configured)) {
        this.deps.logger.warn(
          `Config netpolCompliance.clusters names "${configured}", which the kubernetes backend does not list; its settings apply to no cluster`,
        );
      }
    }
  }

  /**
   * The auth provider of a cluster, as any replica last recorded it (read
   * with the stored clusters) or as this replica last listed it.
   */
  clusterInfo(name: string): KubernetesClusterInfo | undefined {
    return this.infoByName.get(name);
  }

  /**
   * Scans the clusters that need the user's own token, with the caller's
   * `Backstage-Kubernetes-Authorization-*` headers, the way the kubernetes
   * plugin's frontend reads them. The result reflects what that user may
   * read, so it is returned to them and never stored for others. These
   * scans wait in the same queue as all others, and are refused (503) when
   * it is full.
   */
  async scanWithUserToken(
    names: string[] | undefined,
    authHeaders: Record<string, string>,
  ): Promise<StoredCluster[]> {
    const clusters = (await this.listClusters()).filter(
      c => USER_TOKEN_AUTH_PROVIDERS.has(c.authProvider) && (!names || names.includes(c.name)),
    );
    const { scanner, logger } = this.deps;
    return Promise.all(
      clusters.map(cluster =>
        this.deps.queue.run(
          () => scanOnceWithToken({ scanner, logger, now: () => this.now() }, cluster, authHeaders),
          { bounded: true },
        ),
      ),
    );
  }

  /**
   * The stored clusters with their reports' indexes (head and namespace
   * summaries; loading only what changed), each marked `stale` when its
   * report is too old or its cluster was removed. What the pages read.
   * With `labels`, the summaries' workload label sets are loaded too
   * (the entity view needs them; the overview does not).
   */
  async clusterIndexes(options: { labels?: boolean } = {}): Promise<StoredCluster[]> {
    const stored = await (options.labels ? this.deps.cache.currentWithLabels() : this.deps.cache.current());
    const now = this.now().getTime();
    return stored.map(c => {
      if (c.authProvider) {
        this.infoByName.set(c.cluster, {
          name: c.cluster,
          title: c.title,
          authProvider: c.authProvider,
          oidcTokenProvider: c.oidcTokenProvider,
        });
      }
      const stale = reportStaleness(c, now, this.deps.staleAfterMs);
      return stale ? { ...c, stale } : c;
    });
  }

  /** The fleet's freshness: every listed cluster against its stored report. */
  async fleet(stored?: StoredCluster[]): Promise<FleetFreshness> {
    const listed = (await this.deps.known.list()).filter(k => !k.removedAt).map(k => k.name);
    return fleetFreshness(listed, stored ?? (await this.clusterIndexes()), this.now().getTime());
  }

  /**
   * Whole namespace reports of a stored report, in the order asked (names
   * it lacks are left out); recently shown ones come from memory.
   */
  namespaceReports(cluster: string, scannedAt: string, names: string[]): Promise<NamespaceReport[]> {
    return this.deps.cache.namespaces(cluster, scannedAt, names);
  }

  /**
   * As `clusterIndexes`, each with its whole `report` too, read from the
   * namespace rows on every call (a large cluster's report is tens of MiB:
   * for integrations that need every namespace's evidence; the pages use
   * the indexes).
   */
  async storedClusters(): Promise<StoredCluster[]> {
    const clusters = await this.clusterIndexes();
    return Promise.all(
      clusters.map(async c => {
        if (!c.index || !c.scannedAt) return c;
        const rows = await this.deps.store.getNamespaces(c.cluster, c.scannedAt);
        if (rows.length === c.index.namespaces.length) {
          return { ...c, report: joinReport(c.index.head, rows.map(r => r.report)) };
        }
        // A newer scan replaced the rows meanwhile: that one, whole.
        const newer = await this.deps.store.getCluster(c.cluster);
        return newer?.report ? { ...c, ...newer, stale: c.stale } : c;
      }),
    );
  }
}
