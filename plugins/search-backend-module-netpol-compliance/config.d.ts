import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The netpol-compliance control docs collator. */
      netpolCompliance?: {
        /** How often the control docs are indexed; default daily. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** The app path of the control pages; default `/netpol-compliance/controls`. */
        controlPagePath?: string;
      };
    };
  };
}
