import type { KnownClusters } from './KnownClusters';
import type { ReportStore } from './ReportStore';
import type { ScanLeases } from './ScanLeases';

export interface RetentionOptions {
  /** History days older than this are deleted. */
  historyRetentionMs: number;
  /** A removed cluster's report is dropped this long after it left the cluster list. */
  removedClusterRetentionMs: number;
}

export interface PruneResult {
  historyRows: number;
  droppedClusters: string[];
  expiredLeases: number;
}

/**
 * The housekeeping run by a daily scheduled task: history past its
 * retention, reports of clusters removed long enough ago, and leases of
 * replicas that died. Nothing else is ever deleted.
 */
export async function pruneStoredData(
  stores: { reports: ReportStore; known: KnownClusters; leases: ScanLeases },
  options: RetentionOptions,
  now: Date,
): Promise<PruneResult> {
  const historyCutoff = new Date(now.getTime() - options.historyRetentionMs).toISOString().slice(0, 10);
  const historyRows = await stores.reports.pruneHistory(historyCutoff);
  const removedCutoff = new Date(now.getTime() - options.removedClusterRetentionMs).toISOString();
  const droppedClusters = await stores.known.removedBefore(removedCutoff);
  await stores.reports.deleteClusters(droppedClusters);
  await stores.known.delete(droppedClusters);
  const expiredLeases = await stores.leases.deleteExpired();
  return { historyRows, droppedClusters, expiredLeases };
}
