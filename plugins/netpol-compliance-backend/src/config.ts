import { Config, ConfigReader } from '@backstage/config';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { EvaluateOptions } from '@netpol/plugin-netpol-compliance-common';

export interface NetpolComplianceConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  requestTimeoutMs: number;
  clusterTimeoutMs: number;
  pageSize: number;
  clusterConcurrency: number;
  requestConcurrency: number;
  docsBaseUrl?: string;
  evaluateOptions(cluster: string): EvaluateOptions;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

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

/** Reads and checks `netpolCompliance`; a wrong option fails start-up, naming it. */
export function readNetpolComplianceConfig(root: Config): NetpolComplianceConfig {
  const config = root.getOptionalConfig('netpolCompliance');
  const c = config ?? new ConfigReader({});
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config.getConfig('schedule'))
    : DEFAULT_SCHEDULE;
  const globalExempt = c.getOptionalStringArray('exemptNamespaces');
  const perCluster = new Map<string, EvaluateOptions>();
  for (const [i, cluster] of (c.getOptionalConfigArray('clusters') ?? []).entries()) {
    const name = cluster.getString('name');
    const enforcer = cluster.getOptionalConfig('enforcer');
    perCluster.set(name, {
      exemptNamespaces: cluster.getOptionalStringArray('exemptNamespaces') ?? globalExempt,
      enforcerOverride: enforcer
        ? { enforcing: enforcer.getBoolean('enforcing'), reason: enforcer.getString('reason') }
        : undefined,
    });
    if (enforcer && !enforcer.getString('reason').trim()) {
      throw new InputError(`Invalid config netpolCompliance.clusters[${i}].enforcer.reason: a reason is required`);
    }
  }
  const docsBaseUrl = c.getOptionalString('docsBaseUrl');
  if (docsBaseUrl && !/^https?:\/\//.test(docsBaseUrl)) {
    throw new InputError(`Invalid config netpolCompliance.docsBaseUrl: ${docsBaseUrl}; expected an http(s) URL`);
  }
  return {
    schedule,
    requestTimeoutMs: positiveInt(c, 'requestTimeoutMs', 15_000, 600_000),
    clusterTimeoutMs: positiveInt(c, 'clusterTimeoutMs', 300_000, 3_600_000),
    pageSize: positiveInt(c, 'pageSize', 500, 10_000),
    clusterConcurrency: positiveInt(c, 'clusterConcurrency', 3, 64),
    requestConcurrency: positiveInt(c, 'requestConcurrency', 4, 64),
    docsBaseUrl: docsBaseUrl?.replace(/\/+$/, ''),
    evaluateOptions: cluster =>
      perCluster.get(cluster) ?? { exemptNamespaces: globalExempt },
  };
}
