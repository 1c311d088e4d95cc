import { Config, ConfigReader, readDurationFromConfig } from '@backstage/config';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { EvaluateOptions } from '@netpol/plugin-netpol-compliance-common';
import { durationMs } from './durations';
import { DEFAULT_WORKER_HEAP_MB } from './scan/worker/WorkerSession';

export interface NetpolComplianceConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How long a scheduled run may take, from `schedule.timeout`. */
  scheduleTimeoutMs: number;
  /** A cluster's report is renewed once its last attempt is this old; NaN for a cron or manual schedule. */
  frequencyMs: number;
  /** How often each replica looks for due clusters (`fleet.checkInterval`), for a duration schedule. */
  fleetCheckIntervalMs: number;
  requestTimeoutMs: number;
  clusterTimeoutMs: number;
  pageSize: number;
  clusterConcurrency: number;
  requestConcurrency: number;
  /** On-demand scans that may wait for a slot before more are refused (503). */
  maxQueuedScans: number;
  /** Upper bound of the in-memory report cache, in JSON characters. */
  reportCacheChars: number;
  /** Each scan worker's heap limit, in MiB. */
  scanWorkerHeapMb: number;
  /** A report older than this is shown as stale. */
  staleAfterMs: number;
  historyRetentionMs: number;
  removedClusterRetentionMs: number;
  docsBaseUrl?: string;
  /** Clusters named in `netpolCompliance.clusters`, to warn about unknown ones. */
  configuredClusters: string[];
  evaluateOptions(cluster: string): EvaluateOptions;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

const DAY_MS = 86_400_000;

function positiveInt(config: Config, key: string, fallback: number, max: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(
      `Invalid config netpolCompliance.${key}: ${value}; expected a whole number from 1 to ${max}`,
    );
  }
  return value;
}

/**
 * A duration as Backstage writes them (`{ seconds: 15 }` or ISO `PT15S`),
 * or, for the older keys, a number of milliseconds under `<key>Ms`.
 */
function duration(
  config: Config,
  key: string,
  fallbackMs: number,
  range: { minMs: number; maxMs: number },
  legacyMsKey?: string,
): number {
  if (legacyMsKey && config.has(legacyMsKey)) {
    if (config.has(key)) {
      throw new InputError(`Invalid config netpolCompliance: set ${key} or ${legacyMsKey}, not both`);
    }
    return positiveInt(config, legacyMsKey, fallbackMs, range.maxMs);
  }
  if (!config.has(key)) return fallbackMs;
  let ms: number;
  try {
    ms = durationMs(readDurationFromConfig(config, { key }));
  } catch (e) {
    throw new InputError(`Invalid config netpolCompliance.${key}: ${(e as Error).message}`);
  }
  if (!(ms >= range.minMs && ms <= range.maxMs)) {
    throw new InputError(
      `Invalid config netpolCompliance.${key}: expected a duration from ${range.minMs} ms to ${range.maxMs} ms`,
    );
  }
  return ms;
}

/** Exempting every namespace would turn every namespace control into `exempt`: a silent pass. */
function checkExemptions(patterns: string[] | undefined, key: string): string[] | undefined {
  const all = patterns?.find(p => /^\*+$/.test(p.trim()));
  if (all !== undefined) {
    throw new InputError(
      `Invalid config netpolCompliance.${key}: "${all}" exempts every namespace, so no namespace would ever be checked; list the namespaces to exempt instead`,
    );
  }
  return patterns;
}

function readPerCluster(c: Config, globalExempt: string[] | undefined, countAdminPolicies: boolean) {
  const perCluster = new Map<string, EvaluateOptions>();
  for (const [i, cluster] of (c.getOptionalConfigArray('clusters') ?? []).entries()) {
    const name = cluster.getString('name');
    const enforcer = cluster.getOptionalConfig('enforcer');
    if (enforcer && !enforcer.getString('reason').trim()) {
      throw new InputError(`Invalid config netpolCompliance.clusters[${i}].enforcer.reason: a reason is required`);
    }
    const exempt = checkExemptions(
      cluster.getOptionalStringArray('exemptNamespaces'),
      `clusters[${i}].exemptNamespaces`,
    );
    perCluster.set(name, {
      exemptNamespaces: exempt ?? globalExempt,
      countAdminPolicies,
      enforcerOverride: enforcer
        ? { enforcing: enforcer.getBoolean('enforcing'), reason: enforcer.getString('reason') }
        : undefined,
    });
  }
  return perCluster;
}

/** Reads and checks `netpolCompliance`; a wrong option fails start-up, naming it. */
export function readNetpolComplianceConfig(root: Config): NetpolComplianceConfig {
  const config = root.getOptionalConfig('netpolCompliance');
  const c = config ?? new ConfigReader({});
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config.getConfig('schedule'))
    : DEFAULT_SCHEDULE;
  const scheduleTimeoutMs = durationMs(schedule.timeout);
  const frequencyMs = durationMs(schedule.frequency);
  const globalExempt = checkExemptions(c.getOptionalStringArray('exemptNamespaces'), 'exemptNamespaces');
  // Off by default: NETPOL-001 keeps the CIS reading (policies the
  // namespace owns); admin policies are listed as its evidence either way.
  const countAdminPolicies = c.getOptionalBoolean('countAdminPolicies') ?? false;
  const perCluster = readPerCluster(c, globalExempt, countAdminPolicies);
  const docsBaseUrl = c.getOptionalString('docsBaseUrl');
  if (docsBaseUrl && !/^https?:\/\//.test(docsBaseUrl)) {
    throw new InputError(`Invalid config netpolCompliance.docsBaseUrl: ${docsBaseUrl}; expected an http(s) URL`);
  }
  const clusterConcurrency = positiveInt(c, 'clusterConcurrency', 3, 64);
  return {
    schedule,
    scheduleTimeoutMs,
    frequencyMs,
    // Often enough that a due cluster waits a small part of its period, and
    // never more often than every second.
    fleetCheckIntervalMs: duration(
      c,
      'fleet.checkInterval',
      Number.isFinite(frequencyMs) ? Math.min(30_000, Math.max(1000, Math.floor(frequencyMs / 10))) : 30_000,
      { minMs: 1000, maxMs: 3_600_000 },
    ),
    requestTimeoutMs: duration(c, 'requestTimeout', 15_000, { minMs: 100, maxMs: 600_000 }, 'requestTimeoutMs'),
    clusterTimeoutMs: duration(c, 'clusterTimeout', 300_000, { minMs: 1000, maxMs: 3_600_000 }, 'clusterTimeoutMs'),
    pageSize: positiveInt(c, 'pageSize', 500, 10_000),
    clusterConcurrency,
    requestConcurrency: positiveInt(c, 'requestConcurrency', 4, 64),
    maxQueuedScans: positiveInt(c, 'maxQueuedScans', 20, 10_000),
    reportCacheChars: positiveInt(c, 'reportCacheMb', 512, 65_536) * 1024 * 1024,
    scanWorkerHeapMb: positiveInt(c, 'scanWorkerHeapMb', DEFAULT_WORKER_HEAP_MB, 65_536),
    // Twice the schedule: one missed run is normal, two are not. A cron
    // schedule has no single period, so it needs staleAfter or gets a day.
    staleAfterMs: duration(c, 'staleAfter', Number.isFinite(frequencyMs) ? 2 * frequencyMs : DAY_MS, {
      minMs: 60_000,
      maxMs: 3650 * DAY_MS,
    }),
    historyRetentionMs: duration(c, 'historyRetention', 400 * DAY_MS, { minMs: DAY_MS, maxMs: 3650 * DAY_MS }),
    removedClusterRetentionMs: duration(c, 'removedClusterRetention', 7 * DAY_MS, {
      minMs: 0,
      maxMs: 3650 * DAY_MS,
    }),
    docsBaseUrl: docsBaseUrl?.replace(/\/+$/, ''),
    configuredClusters: [...perCluster.keys()],
    evaluateOptions: cluster =>
      perCluster.get(cluster) ?? { exemptNamespaces: globalExempt, countAdminPolicies },
  };
}
