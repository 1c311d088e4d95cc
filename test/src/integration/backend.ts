import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import kubernetesBackendPlugin from '@backstage/plugin-kubernetes-backend';
import netpolComplianceBackendPlugin from '@netpol/plugin-netpol-compliance-backend';

/**
 * A real Backstage backend with the real kubernetes backend and this plugin;
 * scans are started by the tests, not by the clock.
 */
export async function startNetpolBackend(options: {
  kubernetes: object;
  netpolCompliance?: object;
  features?: BackendFeature[];
  /** `backend.database`; default an in-memory SQLite of its own. */
  database?: object;
}) {
  return startTestBackend({
    features: [
      kubernetesBackendPlugin,
      netpolComplianceBackendPlugin,
      mockServices.rootConfig.factory({
        data: {
          backend: { database: options.database ?? { client: 'better-sqlite3', connection: ':memory:' } },
          kubernetes: options.kubernetes,
          netpolCompliance: {
            // Generous: CI runs every package's tests at once on two cores.
            requestTimeout: { seconds: 20 },
            schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 }, initialDelay: { hours: 24 } },
            ...options.netpolCompliance,
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
}
