import type { ClusterReport, ControlResult, NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import type { StoredCluster } from '../store/ReportStore';

/** True when the latest attempt failed after the stored report was made. */
function latestAttemptFailed(c: StoredCluster): boolean {
  return Boolean(c.lastError && c.lastAttemptAt > (c.scannedAt ?? ''));
}

/**
 * True when the stored report may not be shown as current: the scan
 * service marked it stale (too old, scans stopped, cluster removed: the rule
 * is in scan/freshness.ts), or the latest attempt failed after it.
 */
export function isStale(c: StoredCluster): boolean {
  return Boolean(c.report && (c.stale || latestAttemptFailed(c)));
}

export function staleReason(c: StoredCluster): string {
  const reasons: string[] = [];
  if (c.stale) reasons.push(c.stale.reason);
  if (latestAttemptFailed(c)) reasons.push(`The latest scan (${c.lastAttemptAt}) failed: ${c.lastError}.`);
  return reasons.join(' ');
}

function staleResult(r: ControlResult, why: string): ControlResult {
  return { ...r, status: 'unknown', reason: `${why} Last known: ${r.status} (${r.reason})` };
}

export function markNamespaceStale(ns: NamespaceReport, why: string): NamespaceReport {
  return { ...ns, results: ns.results.map(r => staleResult(r, why)) };
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
