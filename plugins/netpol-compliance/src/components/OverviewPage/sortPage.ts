import type { OverviewRow } from '@netpol/plugin-netpol-compliance-common';
import type { OverviewRequest, OverviewSortField } from '../../api';
import { compareSeverity, worstOf } from '../../utils/status';

function compareRows(field: OverviewSortField) {
  return (a: OverviewRow, b: OverviewRow): number => {
    switch (field) {
      case 'cluster':
        return (
          a.cluster.localeCompare(b.cluster) ||
          a.namespace.localeCompare(b.namespace)
        );
      case 'namespace':
        return (
          a.namespace.localeCompare(b.namespace) ||
          a.cluster.localeCompare(b.cluster)
        );
      case 'owner':
        return (a.owners[0] ?? '\uffff').localeCompare(b.owners[0] ?? '\uffff');
      case 'status':
        return compareSeverity(worstOf(a.results), worstOf(b.results));
      default:
        return 0;
    }
  };
}

/**
 * Orders a page the way the server was asked to, so the page reads right
 * even before (or without) server-side sorting.
 */
export function sortPage(
  rows: OverviewRow[],
  request: OverviewRequest,
): OverviewRow[] {
  if (!request.sort) return rows;
  const compare = compareRows(request.sort);
  const sign = request.order === 'desc' ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => sign * compare(a.row, b.row) || a.index - b.index)
    .map(x => x.row);
}

/**
 * The page index to show: the offset's page, or the last page when the
 * offset is past the end (the set shrank since the link was made).
 */
export function pageIndex(
  offset: number,
  limit: number,
  total: number,
): number {
  return Math.min(
    Math.floor(offset / limit),
    Math.max(0, Math.ceil(total / limit) - 1),
  );
}
