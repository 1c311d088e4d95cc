import type { ClusterReport, ControlResult, NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import type { StoredCluster } from '../store/ReportStore';

/** True when the latest attempt failed after the stored report was made. */
export function isStale(c: StoredCluster): boolean {
  return Boolean(c.report && c.lastError && c.lastAttemptAt > (c.scannedAt ?? ''));
}

export function staleReason(c: StoredCluster): string {
  return `The latest scan (${c.lastAttemptAt}) failed: ${c.lastError}.`;
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
