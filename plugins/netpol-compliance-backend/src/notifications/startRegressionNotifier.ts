import type {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@netpol/plugin-netpol-compliance-common';
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
  const loadEntities = async (): Promise<Entity[]> => {
    const { items } = await deps.catalog.getEntities(
      {
        filter: [
          { [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: CATALOG_FILTER_EXISTS },
          { [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]: CATALOG_FILTER_EXISTS },
          { [`metadata.annotations.${ANNOTATION_KUBERNETES_NAMESPACE}`]: CATALOG_FILTER_EXISTS },
        ],
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.owner', 'relations'],
      },
      { credentials: await deps.auth.getOwnServiceCredentials() },
    );
    return items as Entity[];
  };
  const notifier = new RegressionNotifier({
    scans: deps.scans,
    memory: new NotifierMemoryStore(await deps.database.getClient()),
    loadEntities,
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
