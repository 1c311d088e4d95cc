import type { ControlStatus } from '@netpol/plugin-netpol-compliance-common';
import type { NamespaceRow } from '../NamespaceTable';
import { compareSeverity, shortLabel, worstOf } from '../../utils/status';

export interface RankedNamespace {
  row: NamespaceRow;
  status: ControlStatus;
}

/** The namespaces by their worst outcome, the worst first. */
export function worstNamespaces(
  rows: readonly NamespaceRow[],
): RankedNamespace[] {
  return [...rows]
    .map(row => ({ row, status: worstOf(row.report.results) }))
    .sort((a, b) => compareSeverity(a.status, b.status));
}

/** "payments on Prod EU: Default-deny ingress", naming the worst controls. */
export function namespaceLine({ row, status }: RankedNamespace): string {
  const failing = row.report.results
    .filter(r => r.status === status && status !== 'pass')
    .map(r => shortLabel(r.control));
  return `${row.report.namespace} on ${row.clusterTitle ?? row.cluster}${
    failing.length ? `: ${failing.join(', ')}` : ''
  }`;
}

/** The card's link to the entity's tab, when the entity page is routable. */
export function deepLinkTo(entityPath: string | undefined, tabPath: string) {
  return entityPath
    ? {
        title: 'Details and fixes',
        link: `${entityPath.replace(/\/$/, '')}/${tabPath}`,
      }
    : undefined;
}
