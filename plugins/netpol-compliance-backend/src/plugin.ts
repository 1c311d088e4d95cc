import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readNetpolComplianceConfig } from './config';
import { KubernetesBackendClient } from './kubernetes/KubernetesBackendClient';
import { ClusterScanner } from './scan/ClusterScanner';
import { ScanService } from './scan/ScanService';
import { ReportStore } from './store/ReportStore';
import { createRouter } from './service/router';

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
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init({ rootConfig, logger, httpRouter, httpAuth, auth, discovery, database, scheduler, catalog }) {
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
        await scheduler.scheduleTask({
          id: 'netpol-compliance-scan',
          ...config.schedule,
          // Runs once across all replicas.
          scope: 'global',
          fn: async () => {
            await scans.scanAll();
          },
        });
        httpRouter.use(
          await createRouter({ httpAuth, catalog, scans, logger, docsBaseUrl: config.docsBaseUrl }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
