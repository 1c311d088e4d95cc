import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { NetpolControlCollatorFactory } from './NetpolControlCollatorFactory';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  // The docs change only with a new plugin version: daily is plenty. The
  // first run comes right after start: until then (an in-memory engine
  // after a restart) the search page answers with a missing index.
  frequency: { hours: 24 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 3 },
};

/**
 * Indexes the netpol-compliance control docs in Backstage search.
 * Config: `search.collators.netpolCompliance.schedule` and
 * `.controlPagePath` (default `/netpol-compliance/controls`).
 * @public
 */
export const searchModuleNetpolComplianceControls = createBackendModule({
  pluginId: 'search',
  moduleId: 'netpol-compliance-controls',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, scheduler, indexRegistry }) {
        const own = config.getOptionalConfig('search.collators.netpolCompliance');
        const schedule = own?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(own.getConfig('schedule'))
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new NetpolControlCollatorFactory({
            controlPagePath: own?.getOptionalString('controlPagePath'),
          }),
        });
      },
    });
  },
});
