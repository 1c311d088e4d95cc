import type { Config } from '@backstage/config';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

export interface NotifierConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The entity tab's path under the entity page. */
  tabPath: string;
}

/**
 * `netpolCompliance.notifications`: on unless `enabled: false`. The
 * notifier looks for new reports every few minutes, so owners hear soon
 * after the scan that found the regression, whatever triggered it.
 */
export function readNotifierConfig(root: Config): NotifierConfig {
  const c = root.getOptionalConfig('netpolCompliance.notifications');
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    schedule: c?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(c.getConfig('schedule'))
      : { frequency: { minutes: 5 }, timeout: { minutes: 5 }, initialDelay: { minutes: 1 } },
    tabPath: c?.getOptionalString('entityTabPath') ?? 'netpol-compliance',
  };
}
