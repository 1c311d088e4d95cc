import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { compareSeverity } from '../../utils/status';

/** Every result, the most severe first, then by control. */
export function findingsInOrder(report: NamespaceReport) {
  return [...report.results].sort(
    (a, b) =>
      compareSeverity(a.status, b.status) || a.control.localeCompare(b.control),
  );
}
