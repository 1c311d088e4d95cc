import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readNetpolComplianceConfig } from './config';
import { KubernetesBackendClient } from './kubernetes/KubernetesBackendClient';
import { ClusterScanner } from './scan/ClusterScanner';
import { ScanService } from './scan/ScanService';
import { ReportStore } from './store/ReportStore';
import { ComplianceService } from './service/ComplianceService';
import { createRouter } from './service/router';
import { netpolCompliancePermissions } from './permissions';
import { registerActions } from './actions';

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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { rootConfig, logger, httpRouter, httpAuth, auth, discovery, database, scheduler } = deps;
        const config = readNetpolComplianceConfig(rootConfig);
        const client = new KubernetesBackendClient({
          discovery,
          auth,
          requestTimeoutMs: config.requestTimeoutMs,
          pageSize: config.pageSize,
        });
        const scanner = new ClusterScanner({
          client,
          requestConcurrency: config.requestConcurrency,
          clusterTimeoutMs: config.clusterTimeoutMs,
          evaluateOptions: config.evaluateOptions,
        });
        const store = await ReportStore.create(database);
        const scans = new ScanService({
          client,
          scanner,
          store,
          logger,
          clusterConcurrency: config.clusterConcurrency,
        });
        const compliance = new ComplianceService({
          catalog: deps.catalog,
          auth,
          permissions: deps.permissions,
          scans,
          auditor: deps.auditor,
          config: rootConfig,
        });
        deps.permissionsRegistry.addPermissions(netpolCompliancePermissions);
        registerActions(deps.actionsRegistry, compliance);
        await scheduler.scheduleTask({
          id: 'netpol-compliance-scan',
          ...config.schedule,
          // Runs once across all replicas.
          scope: 'global',
          fn: async () => {
            await scans.scanAll();
            await compliance.warmUp();
          },
        });
        httpRouter.use(
          await createRouter({ httpAuth, compliance, logger, docsBaseUrl: config.docsBaseUrl }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
