import type { OverviewQuery } from '@netpol/plugin-netpol-compliance-common';
import type { StoredCluster } from '../store/ReportStore';
import type { NamespaceOwnerIndex } from './namespaceOwners';
import { OverviewRows, overviewRows } from './overview';

/** Distinct queries (filters and sort, not pages) whose rows are kept. */
const KEPT_QUERIES = 16;

/**
 * The overview's sorted rows per query, kept until the reports, their
 * staleness or the owner index change: paging through 2,000 namespaces, or
 * a dashboard asking again, slices them instead of building and sorting
 * every row per request.
 */
export class OverviewMemo {
  private owners?: NamespaceOwnerIndex;
  private signature = '';
  private readonly byQuery = new Map<string, OverviewRows>();

  rows(stored: StoredCluster[], owners: NamespaceOwnerIndex, query: OverviewQuery): OverviewRows {
    const signature = stored
      .map(c => [c.cluster, c.title, c.scannedAt, c.lastAttemptAt, c.lastError, c.stale?.reason].join('\u0000'))
      .join('\u0001');
    if (owners !== this.owners || signature !== this.signature) {
      this.byQuery.clear();
      this.owners = owners;
      this.signature = signature;
    }
    const { offset: _offset, limit: _limit, ...rest } = query;
    // The defaults spelled out or left out are one query (the warm-up makes the default's rows).
    const normalized = { ...rest, sort: rest.sort ?? 'status', order: rest.order ?? 'asc' };
    const key = JSON.stringify(Object.entries(normalized).filter(([, v]) => v !== undefined).sort());
    let rows = this.byQuery.get(key);
    if (!rows) {
      rows = overviewRows(stored, owners, query);
      if (this.byQuery.size >= KEPT_QUERIES) this.byQuery.delete(this.byQuery.keys().next().value!);
      this.byQuery.set(key, rows);
    }
    return rows;
  }
}
