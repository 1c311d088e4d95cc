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

/** Ranks of distinct values in the locale's order: each pair compared once, not once per row. */
function localeRanks(values: Iterable<string>): Map<string, number> {
  const distinct = [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return new Map(distinct.map((v, i) => [v, i]));
}

/**
 * Namespace names are DNS labels (lowercase letters, digits, `-`), whose
 * order by code unit is the locale's order (punctuation, then digits, then
 * letters): compared as code units, without a collator per comparison.
 */
function compareNamespaces(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Sorts rows by the query's key (worst first by default), then cluster, then namespace. */
function sortRows(rows: OverviewRow[], worst: Map<OverviewRow, string>, query: OverviewQuery) {
  const clusterRank = localeRanks(rows.map(r => r.cluster));
  const cluster = (a: OverviewRow, b: OverviewRow) => clusterRank.get(a.cluster)! - clusterRank.get(b.cluster)!;
  const namespace = (a: OverviewRow, b: OverviewRow) => compareNamespaces(a.namespace, b.namespace);
  let primary = (a: OverviewRow, b: OverviewRow) => compareStatusSeverity(worst.get(a)!, worst.get(b)!);
  if (query.sort === 'cluster') primary = cluster;
  if (query.sort === 'namespace') primary = namespace;
  if (query.sort === 'owner') {
    const firstOwner = (r: OverviewRow) => r.owners[0] ?? '\uffff';
    const ownerRank = localeRanks(rows.map(firstOwner));
    primary = (a, b) => ownerRank.get(firstOwner(a))! - ownerRank.get(firstOwner(b))!;
  }
  const direction = query.order === 'desc' ? -1 : 1;
  rows.sort((a, b) => direction * primary(a, b) || cluster(a, b) || namespace(a, b));
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
        // A summary's results hold only these three fields already.
        results: [...ns.results, ...clusterResults],
      });
    }
  }
  const filtered = rows.filter(r => matchesQuery(r, query));
  const worst = new Map(filtered.map(r => [r, worstStatus(r.results.map(x => x.status))]));
  sortRows(filtered, worst, query);
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
