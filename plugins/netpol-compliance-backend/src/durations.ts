/** The units of Backstage's `HumanDuration`. */
type HumanDuration = Partial<Record<
  'years' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes' | 'seconds' | 'milliseconds',
  number
>>;

const UNIT_MS: Required<HumanDuration> = {
  years: 365 * 86_400_000,
  months: 30 * 86_400_000,
  weeks: 7 * 86_400_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
};

/**
 * Milliseconds of a duration as the scheduler takes them: a
 * `HumanDuration` (what config reading gives) or a luxon `Duration`. NaN
 * for a cron or manual schedule, which has no fixed length.
 */
export function durationMs(d: unknown): number {
  if (d && typeof (d as { toMillis?: unknown }).toMillis === 'function') {
    return (d as { toMillis(): number }).toMillis();
  }
  if (!d || typeof d !== 'object' || 'cron' in d || 'trigger' in d) return NaN;
  let total = 0;
  for (const [unit, value] of Object.entries(d as Record<string, unknown>)) {
    const factor = UNIT_MS[unit as keyof HumanDuration];
    if (factor === undefined || typeof value !== 'number') return NaN;
    total += value * factor;
  }
  return total;
}
