import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { NAMESPACE_CONTROL_IDS } from '@netpol/plugin-netpol-compliance-common';
import { compareSeverity } from '../../utils/status';

export interface NamespaceRow {
  cluster: string;
  clusterTitle?: string;
  report: NamespaceReport;
}

/** The table's columns: cluster, namespace, the controls, reason, details. */
export const COLUMN_COUNT = NAMESPACE_CONTROL_IDS.length + 4;

export function rowKey(row: NamespaceRow): string {
  return `${row.cluster}/${row.report.namespace}`;
}

/** An element id for a row's details, from its key. */
export function detailsId(key: string): string {
  return `netpol-details-${key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}

/** The findings that are not passing, most severe first. */
export function notPassing(report: NamespaceReport) {
  return report.results
    .filter(r => r.status !== 'pass' && r.status !== 'not-applicable')
    .sort((a, b) => compareSeverity(a.status, b.status));
}

/** "Show fix and evidence for payments on prod-eu", for the toggle. */
export function toggleLabel(
  row: NamespaceRow,
  open: boolean,
  failing: boolean,
): string {
  return `${open ? 'Hide' : 'Show'} ${
    failing ? 'fix and evidence' : 'details'
  } for ${row.report.namespace} on ${row.cluster}`;
}
