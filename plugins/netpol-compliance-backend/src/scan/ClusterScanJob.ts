import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubernetesClusterInfo } from '../kubernetes/KubernetesBackendClient';
import type { NamespaceRow } from '../store/reportParts';
import type { ReportStore, ReportWriter } from '../store/ReportStore';
import type { ScanLeases } from '../store/ScanLeases';
import { ClusterScanner, ClusterScanResult, describeFailure } from './ClusterScanner';
import { ROWS_PER_BATCH } from './worker/ScanSession';
import type { ReportCache } from './ReportCache';
import type { ReplicaActivity } from './ReplicaActivity';

/**
 * Auth providers whose credentials come from the signed-in user's browser:
 * a background scan has no token for them.
 */
export const USER_TOKEN_AUTH_PROVIDERS = new Set(['google', 'oidc', 'aks']);

/** How one cluster's scan ended, as the caller of a scan sees it. */
export interface ClusterScanOutcome {
  name: string;
  ok: boolean;
  durationMs?: number;
  /** In the plugin's own words. */
  error?: string;
  /** Another replica held the cluster's lease; this is the outcome of its scan. */
  joined?: boolean;
}

/** Returned by `tryScan` when another replica is scanning the cluster. */
export const HELD_ELSEWHERE = Symbol('held elsewhere');

export interface ClusterScanJobOptions {
  scanner: ClusterScanner;
  store: ReportStore;
  leases: ScanLeases;
  cache: ReportCache;
  logger: LoggerService;
  /** This replica's lease holder id (unique per process). */
  holder: string;
  /** A lease not renewed for this long ends; renewed every third of it. */
  leaseTtlMs: number;
  /** How often a replica waiting for another's scan looks again. */
  pollMs: number;
  /** This replica's tally of the scans it ran (its share of the fleet). */
  activity?: ReplicaActivity;
  now?: () => Date;
}

/**
 * One cluster's scan under its lease: the unit that scheduled passes and
 * on-demand requests start, on any replica. Holding the lease makes it the only scan of that cluster across replicas; losing it
 * (expired and taken) stops the scan without writing.
 */
export class ClusterScanJob {
  constructor(private readonly options: ClusterScanJobOptions) {}

  /**
   * Scans the cluster if no other replica is, and none has since
   * `requestedAt` (a scan that ran while this request waited answers it);
   * never rejects.
   */
  async tryScan(
    cluster: KubernetesClusterInfo,
    signal: AbortSignal,
    requestedAt: string,
  ): Promise<ClusterScanOutcome | typeof HELD_ELSEWHERE> {
    const { leases, holder, leaseTtlMs, logger } = this.options;
    // Both fields on every line: a fleet's logs say which replica scanned what.
    const log = logger.child({ cluster: cluster.name, replica: holder });
    const at = (this.options.now?.() ?? new Date()).toISOString();
    if (USER_TOKEN_AUTH_PROVIDERS.has(cluster.authProvider)) {
      const error = `Cluster ${cluster.name} uses the "${cluster.authProvider}" auth provider, which needs the signed-in user's own token; background scans cannot read it.`;
      return this.recordFailure(cluster, at, error, log);
    }
    let acquired = false;
    try {
      acquired = await leases.acquire(cluster.name, holder, leaseTtlMs);
      if (!acquired) return HELD_ELSEWHERE;
      const head = await this.options.store.getClusterHead(cluster.name);
      if (head && head.lastAttemptAt >= requestedAt) {
        await leases.release(cluster.name, holder);
        return { name: cluster.name, ok: !head.lastError, error: head.lastError, joined: true };
      }
    } catch (e) {
      log.error('Could not start the scan', e as Error);
      // A lease taken and left would keep every replica off this cluster
      // until it expires.
      if (acquired) {
        await leases.release(cluster.name, holder).catch(err => log.warn('Could not release the scan lease', err));
      }
      return { name: cluster.name, ok: false, error: 'the scan could not start: the database did not answer' };
    }
    log.info('Scan started');
    const ended = this.options.activity?.start(cluster.name);
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      leases.renew(cluster.name, holder, leaseTtlMs).then(
        held => {
          if (!held) {
            log.warn('Scan lease lost to another replica; stopping this scan without writing');
            lost.abort();
          }
        },
        e => log.warn('Could not renew the scan lease', e),
      );
    }, Math.max(1, Math.floor(leaseTtlMs / 3)));
    let outcome: ClusterScanOutcome | undefined;
    try {
      outcome = await this.scanHeld(cluster, at, AbortSignal.any([signal, lost.signal]), lost.signal, log);
      return outcome;
    } finally {
      ended?.(Boolean(outcome?.ok), outcome ? outcome.error : 'the scan stopped unexpectedly');
      clearInterval(heartbeat);
      await leases.release(cluster.name, holder).catch(e => log.warn('Could not release the scan lease', e));
    }
  }

  private async scanHeld(
    cluster: KubernetesClusterInfo,
    at: string,
    signal: AbortSignal,
    lost: AbortSignal,
    log: LoggerService,
  ): Promise<ClusterScanOutcome> {
    const { scanner, store } = this.options;
    // The namespace rows are stored as the scan makes them, under this
    // scan's id and invisible until its head is written; whatever ends the
    // scan without that head deletes them, and readers keep the previous
    // report whole meanwhile.
    let writer: ReportWriter | undefined;
    const onRows = async (rows: NamespaceRow[], scannedAt: string) => {
      if (lost.aborted) throw new Error('the scan lease was lost');
      writer ??= store.beginReport(cluster.name, scannedAt);
      await writer.add(rows);
    };
    const abandon = () => writer?.abandon().catch(e => log.warn('Could not delete the rows of an unfinished scan', e));
    let result;
    try {
      result = await scanner.scan(cluster, { signal, onRows });
    } catch (e) {
      await abandon();
      log.warn('Scan failed', e as Error);
      if (lost.aborted) return { name: cluster.name, ok: false, error: 'another replica took over this scan' };
      return this.recordFailure(cluster, at, describeFailure(e), log);
    }
    if (lost.aborted) {
      await abandon();
      return { name: cluster.name, ok: false, error: 'another replica took over this scan' };
    }
    const { parts, durationMs, namespaceCount } = result;
    const namespacesFailed = parts.head.errors.find(e => e.resource === 'namespaces');
    if (namespacesFailed) {
      await abandon();
      // Without the namespace list there is nothing to report on; keep the
      // last good report and say why this attempt failed.
      log.warn(`Scan failed: ${namespacesFailed.reason}`);
      return this.recordFailure(cluster, at, namespacesFailed.reason, log);
    }
    writer ??= store.beginReport(cluster.name, parts.head.scannedAt);
    if (!(await this.commit(cluster, writer, result, log))) {
      return { name: cluster.name, ok: false, durationMs, error: 'the report could not be stored (database error)' };
    }
    log.info(`Scanned in ${durationMs} ms: ${namespaceCount} namespaces, ${parts.head.errors.length} read errors`);
    return { name: cluster.name, ok: true, durationMs };
  }

  /**
   * Writes the head that makes the scan's rows the report (rows the scan
   * kept rather than streamed go in first), and keeps its index in the
   * cache; false when the database failed.
   */
  private async commit(
    cluster: KubernetesClusterInfo,
    writer: ReportWriter,
    { parts, durationMs }: ClusterScanResult,
    log: LoggerService,
  ): Promise<boolean> {
    const storing = Date.now();
    try {
      for (let i = 0; i < parts.namespaces.length; i += ROWS_PER_BATCH) {
        await writer.add(parts.namespaces.slice(i, i + ROWS_PER_BATCH));
      }
      const saved = await writer.commit(parts.head, durationMs);
      log.info(`Stored in ${Date.now() - storing} ms`);
      if (saved.stored) {
        // The index as stored, so the first page after the scan needs no read back.
        const { scannedAt } = parts.head;
        this.options.cache.put(
          { cluster: cluster.name, title: cluster.title, index: saved.index, scannedAt, durationMs, lastAttemptAt: scannedAt },
          saved.chars,
        );
      } else {
        log.info('A scan that started later is already stored; this one was not written');
      }
      return true;
    } catch (e) {
      log.error('Could not store the report', e as Error);
      await writer.abandon().catch(() => undefined);
      return false;
    }
  }

  /** Records a failed attempt; a database error here is logged, never thrown. */
  private async recordFailure(
    cluster: KubernetesClusterInfo,
    at: string,
    error: string,
    log: LoggerService,
  ): Promise<ClusterScanOutcome> {
    try {
      await this.options.store.saveFailure(cluster, at, error);
    } catch (e) {
      log.error('Could not record the failed scan', e as Error);
    }
    return { name: cluster.name, ok: false, error };
  }

  /** Waits for another replica's scan of the cluster to end, and reports its outcome. */
  async awaitOtherReplica(cluster: KubernetesClusterInfo, signal: AbortSignal): Promise<ClusterScanOutcome> {
    const { leases, store, pollMs } = this.options;
    try {
      while (await leases.isHeld(cluster.name)) {
        await sleep(pollMs, undefined, { signal });
      }
      const head = await store.getClusterHead(cluster.name);
      return { name: cluster.name, ok: Boolean(head && !head.lastError), error: head?.lastError, joined: true };
    } catch (e) {
      const error = signal.aborted
        ? 'stopped while another replica scanned this cluster'
        : 'could not follow another replica’s scan (database error)';
      return { name: cluster.name, ok: false, error, joined: true };
    }
  }
}
