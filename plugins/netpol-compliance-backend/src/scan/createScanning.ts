import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { AuthService, DatabaseService, DiscoveryService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogComponent } from '@netpol/plugin-netpol-compliance-common';
import type { NetpolComplianceConfig } from '../config';
import { KubernetesBackendClient } from '../kubernetes/KubernetesBackendClient';
import { openDatabase } from '../store/database';
import { KnownClusters } from '../store/KnownClusters';
import { OwnerIndexStore } from '../store/OwnerIndexStore';
import { pruneStoredData } from '../store/pruneStoredData';
import { ReportStore } from '../store/ReportStore';
import { ScanLeases } from '../store/ScanLeases';
import { startWalCheckpointer } from '../store/walCheckpointer';
import { ClusterScanJob } from './ClusterScanJob';
import { ClusterScanner } from './ClusterScanner';
import { withDeadline } from './deadline';
import { ReportCache } from './ReportCache';
import { ScanQueue } from './ScanQueue';
import { ReplicaActivity } from './ReplicaActivity';
import { ScanService } from './ScanService';
import { createScanWorkerPool } from './worker/WorkerSession';

/** A lease not renewed for this long ends (a dead replica's scan); renewed every 40 s. */
export const LEASE_TTL_MS = 120_000;
/** How often a replica waiting for another's scan of a cluster looks again. */
const LEASE_POLL_MS = 2_000;

/**
 * Wires the scanning parts of one replica: the client, the queue, the
 * leases and the cache, all over the plugin's database.
 */
export async function createScanning(deps: {
  config: NetpolComplianceConfig;
  database: DatabaseService;
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** The catalog's components for the declared-connections check (NETPOL-007). */
  catalogComponents?: () => Promise<CatalogComponent[] | undefined>;
}) {
  const { config, logger } = deps;
  const db = await openDatabase(deps.database);
  // SQLite on disk: its checkpoints run in a thread of their own.
  const checkpointer = await startWalCheckpointer(db, logger);
  const store = new ReportStore(db);
  const known = new KnownClusters(db);
  const leases = new ScanLeases(db);
  const client = new KubernetesBackendClient({
    discovery: deps.discovery,
    auth: deps.auth,
    requestTimeoutMs: config.requestTimeoutMs,
    pageSize: config.pageSize,
  });
  // Worker threads kept between scans (30 s idle): a fleet's scans follow
  // each other, and starting a thread per scan cost more than a small
  // cluster's evaluation.
  const workers = createScanWorkerPool({ maxHeapMb: config.scanWorkerHeapMb });
  const scanner = new ClusterScanner({
    client,
    requestConcurrency: config.requestConcurrency,
    clusterTimeoutMs: config.clusterTimeoutMs,
    evaluateOptions: config.evaluateOptions,
    logger,
    // Parsing, evaluation and the report's JSON run in a worker thread: the
    // backend's event loop serves every plugin meanwhile.
    sessions: workers.session,
    catalogComponents: deps.catalogComponents,
  });
  const cache = new ReportCache(store, config.reportCacheChars);
  const activity = new ReplicaActivity(`${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);
  const job = new ClusterScanJob({
    scanner,
    store,
    leases,
    cache,
    logger,
    holder: activity.id,
    activity,
    leaseTtlMs: LEASE_TTL_MS,
    pollMs: LEASE_POLL_MS,
  });
  const scans = new ScanService({
    client,
    scanner,
    store,
    known,
    cache,
    queue: new ScanQueue({ concurrency: config.clusterConcurrency, maxWaiting: config.maxQueuedScans }),
    job,
    logger,
    staleAfterMs: config.staleAfterMs,
    configuredClusters: config.configuredClusters,
    renewal: { everyMs: config.frequencyMs },
    ownerIndexes: new OwnerIndexStore(db),
  });
  const prune = async () => {
    const result = await pruneStoredData(
      { reports: store, known, leases },
      { historyRetentionMs: config.historyRetentionMs, removedClusterRetentionMs: config.removedClusterRetentionMs },
      new Date(),
    );
    logger.info('Pruned stored compliance data', {
      historyRows: result.historyRows,
      droppedClusters: result.droppedClusters.join(',') || undefined,
      expiredLeases: result.expiredLeases,
    });
  };
  /** This replica's share and the fleet's scans in flight, for `/status`. */
  const fleetActivity = async () => ({ replica: activity.snapshot(), scanning: await leases.listHeld() });
  const stop = async () => {
    await workers.close();
    await checkpointer?.stop();
  };
  return { scans, prune, fleetActivity, stop };
}

/**
 * The signal a scheduled scan runs under: the scheduler's own, and a
 * deadline a little before the task's timeout, so the run has ended (and
 * recorded its timed-out clusters) before the scheduler could hand the task
 * to another replica.
 */
export function scheduledRunSignal(schedulerSignal: AbortSignal | undefined, timeoutMs: number) {
  const margin = Math.min(30_000, Math.floor(timeoutMs / 10));
  return withDeadline(Math.max(1000, timeoutMs - margin), schedulerSignal);
}
