import type { ControlStatus } from './report';

/**
 * Worst first: the order a platform team triages in. An `unknown` is worse
 * than a `warning`: nothing was proven.
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

/**
 * The worst of some statuses (`not-applicable` for none); a status this
 * version does not know ranks after all known ones.
 * @public
 */
export function worstStatus(statuses: Iterable<string>): string {
  const rank = (s: string) => (STATUS_SEVERITY as Record<string, number>)[s] ?? 9;
  let worst = 'not-applicable';
  for (const s of statuses) if (rank(s) < rank(worst)) worst = s;
  return worst;
}
