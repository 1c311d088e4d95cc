import {
  compareStatusSeverity,
  OverviewClusterSummary,
  OverviewQuery,
  OverviewResponse,
  OverviewRow,
  worstStatus,
} from '@netpol/plugin-netpol-compliance-common';
import type { StoredCluster } from '../store/ReportStore';
import { effectiveIndex, staleReason } from './staleness';
import { namespaceKey, NamespaceOwnerIndex } from './namespaceOwners';

export const OVERVIEW_MAX_LIMIT = 1000;

function matchesQuery(row: OverviewRow, q: OverviewQuery): boolean {
  if (q.cluster && row.cluster !== q.cluster) return false;
  if (q.owner) {
    if (q.owner === 'none' ? row.owners.length > 0 : !row.owners.includes(q.owner)) return false;
  }
  if (q.control || q.status) {
    const results = q.control ? row.results.filter(r => r.control === q.control) : row.results;
    if (results.length === 0) return false;
    if (q.status && !results.some(r => r.status === q.status)) return false;
  }
  if (q.q) {
    const needle = q.q.toLowerCase();
    const hay = [row.cluster, row.namespace, ...row.owners, ...row.entities].join(' ').toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** Every row a query selects, sorted, with the summary: what each page of it slices. */
export interface OverviewRows {
  rows: OverviewRow[];
  summary: OverviewResponse['summary'];
}

/** The last attempt's error, when it came after the report shown. */
function currentFailure(c: StoredCluster): string | undefined {
  return c.lastError && c.lastAttemptAt >= (c.scannedAt ?? '') ? c.lastError : undefined;
}

/** The filtered, sorted rows of the overview and their summary, before paging. Pure. */
export function overviewRows(
  stored: StoredCluster[],
  owners: NamespaceOwnerIndex,
  query: OverviewQuery,
): OverviewRows {
  const rows: OverviewRow[] = [];
  const byCluster: OverviewClusterSummary[] = [];
  for (const c of stored) {
    const index = effectiveIndex(c);
    const summary: OverviewClusterSummary = {
      cluster: { name: c.cluster, title: c.title },
      scannedAt: c.scannedAt,
      error: c.stale ? staleReason(c) : currentFailure(c),
      results: index?.head.results ?? [],
      counts: {},
    };
    byCluster.push(summary);
    if (!index) continue;
    const clusterResults = index.head.results.map(({ control, status, reason }) => ({ control, status, reason }));
    for (const ns of index.namespaces) {
      const ownership = owners.get(namespaceKey(c.cluster, ns.namespace));
      rows.push({
        cluster: c.cluster,
        namespace: ns.namespace,
        owners: ownership?.owners ?? [],
        entities: ownership?.entities ?? [],
        exemption: ns.exemption,
        results: [
          ...ns.results.map(({ control, status, reason }) => ({ control, status, reason })),
          ...clusterResults,
        ],
      });
    }
  }
  const filtered = rows.filter(r => matchesQuery(r, query));
  const worst = new Map(filtered.map(r => [r, worstStatus(r.results.map(x => x.status))]));
  const byKey: Record<string, (a: OverviewRow, b: OverviewRow) => number> = {
    status: (a, b) => compareStatusSeverity(worst.get(a)!, worst.get(b)!),
    cluster: (a, b) => a.cluster.localeCompare(b.cluster),
    namespace: (a, b) => a.namespace.localeCompare(b.namespace),
    owner: (a, b) => (a.owners[0] ?? '\uffff').localeCompare(b.owners[0] ?? '\uffff'),
  };
  const primary = byKey[query.sort ?? 'status'] ?? byKey.status;
  const direction = query.order === 'desc' ? -1 : 1;
  filtered.sort(
    (a, b) =>
      direction * primary(a, b) ||
      a.cluster.localeCompare(b.cluster) ||
      a.namespace.localeCompare(b.namespace),
  );
  const byControl: Record<string, Record<string, number>> = {};
  const clusterCounts = new Map(byCluster.map(s => [s.cluster.name, s.counts]));
  for (const row of filtered) {
    for (const r of row.results) {
      if (r.control === 'NETPOL-002') continue; // counted per cluster below
      const counts = (byControl[r.control] ??= {});
      counts[r.status] = (counts[r.status] ?? 0) + 1;
    }
    const counts = clusterCounts.get(row.cluster)!;
    const w = worst.get(row)!;
    counts[w] = (counts[w] ?? 0) + 1;
  }
  for (const s of byCluster) {
    for (const r of s.results) {
      const counts = (byControl[r.control] ??= {});
      counts[r.status] = (counts[r.status] ?? 0) + 1;
    }
  }
  return { rows: filtered, summary: { byControl, byCluster } };
}

/** One page of a sorted, filtered overview. */
export function overviewPage(all: OverviewRows, query: OverviewQuery): OverviewResponse {
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(OVERVIEW_MAX_LIMIT, Math.max(1, query.limit ?? 50));
  return {
    total: all.rows.length,
    offset,
    limit,
    rows: all.rows.slice(offset, offset + limit),
    summary: all.summary,
  };
}

/**
 * The platform overview: one row per namespace of every cluster, filtered,
 * sorted worst first (then cluster, namespace) and paged; the summary counts
 * the filtered rows. Pure: the caller supplies stored clusters and owners.
 */
export function buildOverview(
  stored: StoredCluster[],
  owners: NamespaceOwnerIndex,
  query: OverviewQuery,
): OverviewResponse {
  return overviewPage(overviewRows(stored, owners, query), query);
}
