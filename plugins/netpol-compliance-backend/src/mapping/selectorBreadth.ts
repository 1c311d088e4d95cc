import type { LabelSelector } from '@netpol/plugin-netpol-compliance-common';

/**
 * True when a selector names no value that a workload must carry: only
 * `k!=v`, `k notin (...)`, `!k` or a bare key `k`. Such a selector matches
 * the workloads of every team (everything that lacks a label, or that has a
 * common key such as `app`), so whoever registers an entity with it would
 * map that entity to almost every namespace of every cluster.
 */
export function pinsNoLabelValue(selector: LabelSelector): boolean {
  if (Object.keys(selector.matchLabels ?? {}).length > 0) return false;
  return !(selector.matchExpressions ?? []).some(e => e.operator === 'In');
}
