import type { ControlStatus } from './report';

/**
 * Worst first: the order a platform team triages in, and the one order the
 * overview API, the UI and the CLI rank outcomes by.
 *
 * `unknown` ranks above `warning`: a warning is a finding the engine proved
 * (a rule that opens to everyone), bounded and named; an unknown is a control
 * that could not be evaluated at all (enforcer not seen, object unreadable),
 * so it may hide a `fail`. An auditor reads "could not verify" as not
 * compliant, never as "nearly compliant".
 * @public
 */
export const STATUS_SEVERITY: Readonly<Record<ControlStatus, number>> = {
  fail: 0,
  unknown: 1,
  warning: 2,
  pass: 3,
  exempt: 4,
  'not-applicable': 5,
};

/** Rank of a status this version does not know: after every known one. */
const UNKNOWN_RANK = 9;

function rank(status: string): number {
  return (STATUS_SEVERITY as Record<string, number>)[status] ?? UNKNOWN_RANK;
}

/**
 * Every outcome, worst first.
 * @public
 */
export const STATUSES_WORST_FIRST: readonly ControlStatus[] = (
  Object.keys(STATUS_SEVERITY) as ControlStatus[]
).sort((a, b) => rank(a) - rank(b));

/**
 * Negative when `a` is worse than `b`: sorts worst first.
 * @public
 */
export function compareStatusSeverity(a: string, b: string): number {
  return rank(a) - rank(b);
}

/**
 * The worst of some statuses (`not-applicable` for none); a status this
 * version does not know ranks after all known ones.
 * @public
 */
export function worstStatus<S extends string>(
  statuses: Iterable<S>,
): S | 'not-applicable' {
  let worst: S | 'not-applicable' = 'not-applicable';
  for (const s of statuses) if (rank(s) < rank(worst)) worst = s;
  return worst;
}
