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
 * task (a fact retriever, the regression notifier) when it wants to, or a
 * client does through the scheduler's REST API (trigger, task states), as
 * against Backstage's own scheduler.
 */
export class ManualScheduler {
  readonly tasks = new Map<string, SchedulerServiceTaskFunction>();
  private readonly states = new Map<string, { status: 'idle' | 'running'; lastRunEndedAt?: string }>();

  async run(id: string): Promise<void> {
    const fn = this.tasks.get(id);
    if (!fn) throw new Error(`No task ${id}; scheduled: ${[...this.tasks.keys()].join(', ')}`);
    this.states.set(id, { ...this.states.get(id), status: 'running' });
    try {
      await fn(new AbortController().signal);
    } finally {
      this.states.set(id, { status: 'idle', lastRunEndedAt: new Date().toISOString() });
    }
  }

  /**
   * The routes of Backstage's scheduler that scripts use: trigger now, and
   * task states. A bare handler: the test package declares no express.
   */
  private handle(req: any, res: any, next: () => void) {
    const trigger = /^\/\.backstage\/scheduler\/v1\/tasks\/([^/]+)\/trigger$/.exec(req.path);
    if (req.method === 'GET' && req.path === '/.backstage/scheduler/v1/tasks') {
      const tasks = [...this.tasks.keys()].map(taskId => ({
        taskId,
        taskState: this.states.get(taskId) ?? { status: 'idle' },
      }));
      res.json({ tasks });
    } else if (req.method === 'POST' && trigger) {
      const id = decodeURIComponent(trigger[1]);
      if (!this.tasks.has(id)) res.status(404).end();
      else if (this.states.get(id)?.status === 'running') res.status(409).end();
      else {
        // Started, not awaited, as the real scheduler does.
        this.run(id).catch(() => {});
        res.status(200).end();
      }
    } else {
      next();
    }
  }

  factory() {
    return createServiceFactory({
      service: coreServices.scheduler,
      deps: { httpRouter: coreServices.httpRouter },
      factory: ({ httpRouter }): SchedulerService => {
        httpRouter.use((req, res, next) => this.handle(req, res, next));
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
