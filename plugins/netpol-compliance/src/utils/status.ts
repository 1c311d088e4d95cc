import {
  compareStatusSeverity,
  STATUSES_WORST_FIRST,
  worstStatus,
} from '@netpol/plugin-netpol-compliance-common';
import type {
  ControlId,
  ControlResult,
  ControlStatus,
} from '@netpol/plugin-netpol-compliance-common';

/** Every outcome, worst first (the one order, from the common package). */
export const STATUSES: readonly ControlStatus[] = STATUSES_WORST_FIRST;

/** Human label of an outcome. */
export const STATUS_LABELS: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  warning: 'Warning',
  unknown: 'Unknown',
  exempt: 'Exempt',
  'not-applicable': 'Not applicable',
};

/** Short column labels a service owner reads at a glance. */
export const CONTROL_SHORT_LABELS: Record<ControlId, string> = {
  'NETPOL-001': 'Has a policy',
  'NETPOL-002': 'Enforcer running',
  'NETPOL-003': 'All workloads covered',
  'NETPOL-004': 'Default-deny ingress',
  'NETPOL-005': 'Default-deny egress',
  'NETPOL-006': 'No allow-all rules',
  'NETPOL-007': 'Dependencies not blocked',
};

export function shortLabel(control: string): string {
  return CONTROL_SHORT_LABELS[control as ControlId] ?? control;
}

/** Negative when `a` is worse than `b`; for sorting worst first. */
export function compareSeverity(a: ControlStatus, b: ControlStatus): number {
  return compareStatusSeverity(a, b);
}

export { worstStatus };

export function worstOf(results: Array<Pick<ControlResult, 'status'>>) {
  return worstStatus(results.map(r => r.status));
}

/** Outcomes that need the owner to act. */
export function needsAction(status: ControlStatus): boolean {
  return status === 'fail' || status === 'warning';
}
