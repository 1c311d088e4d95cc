import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readNetpolComplianceConfig } from './config';
import { createScanning, scheduledRunSignal } from './scan/createScanning';
import { CatalogRelations } from './connections/CatalogRelations';
import { readComplianceServiceConfig } from './service/serviceConfig';
import { ComplianceService } from './service/ComplianceService';
import { createRouter } from './service/router';
import { netpolCompliancePermissions } from './permissions';
import { registerActions } from './actions';
import { notificationService } from '@backstage/plugin-notifications-node';
import { startRegressionNotifier } from './notifications/startRegressionNotifier';
import { preloadKubernetesClient } from './kubernetes/preloadKubernetesClient';

/**
 * The netpol-compliance backend plugin: scans clusters through the
 * kubernetes backend on a schedule, stores the reports and serves them.
 * @public
 */
export const netpolCompliancePlugin = createBackendPlugin({
  pluginId: 'netpol-compliance',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        instanceMetadata: coreServices.rootInstanceMetadata,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { rootConfig, logger, httpRouter, httpAuth, auth, discovery, database, scheduler } = deps;
        const config = readNetpolComplianceConfig(rootConfig);
        // Awaited at the end of init, so that its one long stretch on the
        // event loop falls before the backend reports ready, not in the first scan.
        const clientPreload = preloadKubernetesClient({
          instanceMetadata: deps.instanceMetadata,
          logger,
        });
        // Declared connections (NETPOL-007) are checked where the snapshot is:
        // the scan reads the catalog's relations once per run.
        const relations = new CatalogRelations({
          catalog: deps.catalog,
          auth,
          logger,
          mapping: { allowBroadSelectors: readComplianceServiceConfig(rootConfig).allowBroadSelectors },
        });
        const { scans, prune, fleetActivity, stop } = await createScanning({
          config,
          database,
          discovery,
          auth,
          logger,
          catalogComponents: () => relations.get(),
        });
        const compliance = new ComplianceService({
          catalog: deps.catalog,
          auth,
          permissions: deps.permissions,
          scans,
          auditor: deps.auditor,
          config: rootConfig,
          fleetActivity,
        });
        deps.permissionsRegistry.addPermissions(netpolCompliancePermissions);
        registerActions(deps.actionsRegistry, compliance);
        // Owners hear of regressions (netpolCompliance.notifications; see src/notifications).
        await startRegressionNotifier({ ...deps, config: rootConfig, scans });
        // Every replica runs its own passes (scope local) and pulls the
        // clusters due a scan as it has free slots; each scan holds its
        // cluster's lease, so a cluster is scanned once at a time and once
        // per period across replicas. (One scheduler task per cluster would
        // not spread: the scheduler lets the first replica to poll claim
        // every due task, and it queues them all behind its own slots.)
        await scheduler.scheduleTask({
          id: 'netpol-compliance-fleet',
          frequency: Number.isFinite(config.frequencyMs)
            ? { milliseconds: config.fleetCheckIntervalMs }
            : config.schedule.frequency,
          timeout: config.schedule.timeout,
          initialDelay: config.schedule.initialDelay,
          scope: 'local',
          fn: async (abortSignal?: AbortSignal) => {
            const run = scheduledRunSignal(abortSignal, config.scheduleTimeoutMs);
            let summary;
            try {
              summary = await scans.scanDue({ signal: run.signal });
            } finally {
              run.clear();
            }
            if (summary.clusters.some(c => !c.joined)) await compliance.warmUp();
          },
        });
        await scheduler.scheduleTask({
          id: 'netpol-compliance-prune',
          frequency: { hours: 24 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 5 },
          scope: 'global',
          fn: prune,
        });
        httpRouter.use(
          await createRouter({ httpAuth, compliance, logger, docsBaseUrl: config.docsBaseUrl }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        deps.lifecycle.addShutdownHook(() => stop());
        // Once every plugin is up (the catalog included): the owner index is
        // built for the stored reports if the one kept by the last run (see
        // warmUpFromStore below) did not fit them.
        deps.lifecycle.addStartupHook(() => {
          compliance.warmUp().catch(() => undefined);
        });
        await clientPreload;
        // Before the backend reports ready, so that the first overview after
        // a restart is served from memory (and not beside the preload's
        // garbage): the stored indexes and, when the kept owner index fits
        // them, the overview's rows. Reads nothing from the catalog.
        await compliance.warmUpFromStore();
      },
    });
  },
});
