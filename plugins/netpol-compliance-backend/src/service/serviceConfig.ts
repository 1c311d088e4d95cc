import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** As Backstage reads durations (`{ minutes: 1 }` or ISO `PT1M`). */
type HumanDuration = ReturnType<typeof readDurationFromConfig>;

/** The settings of the read and scan service, from `netpolCompliance`. */
export interface ComplianceServiceConfig {
  /** `entityAccess.allowBroadSelectors`: map entities by selectors that name no label value. */
  allowBroadSelectors: boolean;
  /** `userTokenScans.perCaller`: scans one caller may start with their own token per window. */
  userTokenScanLimit: { scans: number; windowMs: number };
}

const DEFAULT_USER_TOKEN_SCANS = 5;
const DEFAULT_USER_TOKEN_WINDOW_MS = 60_000;

const MS: Record<keyof HumanDuration, number> = {
  years: 365 * 86_400_000,
  months: 30 * 86_400_000,
  weeks: 7 * 86_400_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
};

function toMs(duration: HumanDuration): number {
  return Object.entries(duration).reduce(
    (sum, [unit, n]) => sum + (MS[unit as keyof HumanDuration] ?? 0) * (n ?? 0),
    0,
  );
}

/** Reads and checks the keys; a wrong value fails start-up, naming the key. */
export function readComplianceServiceConfig(root: Config): ComplianceServiceConfig {
  const c = root.getOptionalConfig('netpolCompliance');
  const perCaller = c?.getOptionalConfig('userTokenScans.perCaller');
  const scans = perCaller?.getOptionalNumber('scans') ?? DEFAULT_USER_TOKEN_SCANS;
  if (!Number.isInteger(scans) || scans < 1 || scans > 10_000) {
    throw new InputError(
      `Invalid config netpolCompliance.userTokenScans.perCaller.scans: ${scans}; expected a whole number from 1 to 10000`,
    );
  }
  const windowMs = perCaller?.has('window')
    ? toMs(readDurationFromConfig(perCaller, { key: 'window' }))
    : DEFAULT_USER_TOKEN_WINDOW_MS;
  if (!(windowMs >= 1_000)) {
    throw new InputError(
      'Invalid config netpolCompliance.userTokenScans.perCaller.window: expected a duration of at least one second',
    );
  }
  return {
    allowBroadSelectors: c?.getOptionalBoolean('entityAccess.allowBroadSelectors') ?? false,
    userTokenScanLimit: { scans, windowMs },
  };
}
