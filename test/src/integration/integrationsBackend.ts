import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskFunction,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import kubernetesBackendPlugin from '@backstage/plugin-kubernetes-backend';
import netpolComplianceBackendPlugin from '@netpol/plugin-netpol-compliance-backend';

/**
 * Scheduled tasks are recorded, never run by the clock: the test runs a
 * task (a fact retriever, the regression notifier) when it wants to.
 */
export class ManualScheduler {
  readonly tasks = new Map<string, SchedulerServiceTaskFunction>();

  async run(id: string): Promise<void> {
    const fn = this.tasks.get(id);
    if (!fn) throw new Error(`No task ${id}; scheduled: ${[...this.tasks.keys()].join(', ')}`);
    await fn(new AbortController().signal);
  }

  factory() {
    return createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: (): SchedulerService => {
        const record = async (task: SchedulerServiceTaskInvocationDefinition) => {
          this.tasks.set(task.id, task.fn);
        };
        return {
          scheduleTask: (task: SchedulerServiceTaskScheduleDefinition & SchedulerServiceTaskInvocationDefinition) =>
            record(task),
          triggerTask: async (id: string) => this.run(id),
          cancelTask: async () => {},
          createScheduledTaskRunner: () => ({ run: record }),
          getScheduledTasks: async () => [],
        };
      },
    });
  }
}

/**
 * A real backend with the kubernetes backend, the netpol-compliance plugin
 * and the given integrations, with a manual scheduler.
 */
export async function startIntegrationsBackend(options: {
  kubernetes: object;
  config?: Record<string, object>;
  netpolCompliance?: object;
  features: BackendFeature[];
}) {
  const scheduler = new ManualScheduler();
  const backend = await startTestBackend({
    features: [
      kubernetesBackendPlugin,
      netpolComplianceBackendPlugin,
      scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: { client: 'better-sqlite3', connection: ':memory:' } },
          kubernetes: options.kubernetes,
          netpolCompliance: { requestTimeout: { seconds: 20 }, ...options.netpolCompliance },
          ...options.config,
        },
      }),
      ...options.features,
    ],
  });
  return Object.assign(backend, { scheduler });
}
