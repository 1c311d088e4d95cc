import type {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { loadMappedEntities } from '../mapping/mappedEntities';
import { readComplianceServiceConfig } from '../service/serviceConfig';
import { NotifierMemoryStore } from './NotifierMemoryStore';
import { readNotifierConfig } from './notifierConfig';
import { RegressionNotifier, RegressionNotifierDeps } from './RegressionNotifier';

/** The notifier's scheduled task id. */
export const NOTIFIER_TASK_ID = 'netpol-compliance-notify-regressions';

/**
 * Schedules the regression notifier (once across replicas), unless
 * `netpolCompliance.notifications.enabled` is false.
 */
export async function startRegressionNotifier(deps: {
  config: Config;
  scheduler: SchedulerService;
  logger: LoggerService;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  scans: RegressionNotifierDeps['scans'];
  notifications: NotificationService;
}): Promise<void> {
  const settings = readNotifierConfig(deps.config);
  if (!settings.enabled) {
    deps.logger.info('netpol-compliance regression notifications are off (netpolCompliance.notifications.enabled)');
    return;
  }
  const notifier = new RegressionNotifier({
    scans: deps.scans,
    memory: new NotifierMemoryStore(await deps.database.getClient()),
    loadEntities: () => loadMappedEntities(deps),
    mapping: { allowBroadSelectors: readComplianceServiceConfig(deps.config).allowBroadSelectors },
    notifications: deps.notifications,
    logger: deps.logger.child({ task: NOTIFIER_TASK_ID }),
    tabPath: settings.tabPath,
  });
  await deps.scheduler.scheduleTask({
    id: NOTIFIER_TASK_ID,
    ...settings.schedule,
    scope: 'global',
    fn: async () => {
      await notifier.run();
    },
  });
}
