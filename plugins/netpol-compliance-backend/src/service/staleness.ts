import type { ClusterReport, ControlResult, NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { indexReport, NamespaceSummary, ReportIndex, withResults } from '../store/reportParts';
import type { StoredCluster } from '../store/ReportStore';

/** True when the latest attempt failed after the stored report was made. */
function latestAttemptFailed(c: StoredCluster): boolean {
  return Boolean(c.lastError && c.lastAttemptAt > (c.scannedAt ?? ''));
}

/** The stored report's index (a report held whole, from a user-token scan or a test, is indexed here). */
export function indexOf(c: StoredCluster): ReportIndex | undefined {
  return c.index ?? (c.report ? indexReport(c.report) : undefined);
}

/**
 * True when the stored report may not be shown as current: the scan
 * service marked it stale (too old, scans stopped, cluster removed: the rule
 * is in scan/freshness.ts), or the latest attempt failed after it.
 */
export function isStale(c: StoredCluster): boolean {
  return Boolean((c.index || c.report) && (c.stale || latestAttemptFailed(c)));
}

export function staleReason(c: StoredCluster): string {
  const reasons: string[] = [];
  if (c.stale) reasons.push(c.stale.reason);
  if (latestAttemptFailed(c)) reasons.push(`The latest scan (${c.lastAttemptAt}) failed: ${c.lastError}.`);
  return reasons.join(' ');
}

function staleResult<R extends Pick<ControlResult, 'status' | 'reason'>>(r: R, why: string): R {
  return { ...r, status: 'unknown', reason: `${why} Last known: ${r.status} (${r.reason})` };
}

export function markNamespaceStale(ns: NamespaceReport, why: string): NamespaceReport {
  return { ...ns, results: ns.results.map(r => staleResult(r, why)) };
}

function markSummaryStale(ns: NamespaceSummary, why: string): NamespaceSummary {
  return withResults(ns, ns.results.map(r => staleResult(r, why)));
}

/**
 * The report as it may be shown: a cluster whose latest scan failed never
 * shows `pass` or `fail` from older data; every result becomes `unknown`,
 * with the last known outcome in its reason. Nothing stored is changed.
 */
export function effectiveReport(c: StoredCluster): ClusterReport | undefined {
  if (!c.report || !isStale(c)) return c.report;
  const why = staleReason(c);
  return {
    ...c.report,
    results: c.report.results.map(r => staleResult(r, why)),
    namespaces: c.report.namespaces.map(ns => markNamespaceStale(ns, why)),
  };
}

/** The report's index as it may be shown (the same rule as `effectiveReport`). */
export function effectiveIndex(c: StoredCluster): ReportIndex | undefined {
  const index = indexOf(c);
  if (!index || !isStale(c)) return index;
  const why = staleReason(c);
  return {
    head: { ...index.head, results: index.head.results.map(r => staleResult(r, why)) },
    namespaces: index.namespaces.map(ns => markSummaryStale(ns, why)),
    loadLabels: index.loadLabels,
  };
}
