export { netpolComplianceApiRef } from './NetpolComplianceApi';
export type {
  ControlDocumentation,
  NetpolComplianceApi,
  OverviewRequest,
  OverviewSortField,
} from './NetpolComplianceApi';
export { NetpolComplianceClient } from './NetpolComplianceClient';
