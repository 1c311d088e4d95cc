/** The `--fail-on` levels of `scan` and what each counts as failing. */
import type {
  ControlStatus,
  Finding,
} from '@netpol/plugin-netpol-compliance-common';

export const FAIL_ON_LEVELS = ['fail', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

const FAILING: Record<FailOn, ReadonlySet<ControlStatus>> = {
  fail: new Set<ControlStatus>(['fail']),
  warning: new Set<ControlStatus>(['fail', 'warning']),
  never: new Set<ControlStatus>(),
};

/** The findings at or above the --fail-on level (`unknown`, `exempt`... never count). */
export function findingsAtLevel(
  findings: Finding[],
  failOn: FailOn,
): Finding[] {
  const failing = FAILING[failOn];
  return findings.filter(f => failing.has(f.status));
}

/** Whether a finding reaches the --fail-on level. */
export function failLevelReached(findings: Finding[], failOn: FailOn): boolean {
  return findingsAtLevel(findings, failOn).length > 0;
}
