/**
 * Frontend plugin of netpol-compliance: a Network policy entity tab and card,
 * a platform overview, and control docs pages. The new frontend system's
 * plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  netpolCompliancePlugin,
  EntityNetpolComplianceContent,
  EntityNetpolComplianceCard,
  NetpolCompliancePage,
} from './plugin';
export { isNetpolComplianceAvailable } from './utils/isNetpolComplianceAvailable';
export { netpolComplianceApiRef, NetpolComplianceClient } from './api';
export { NetpolComplianceRoutes } from './components/NetpolCompliancePage';
export type {
  ControlDocumentation,
  NetpolComplianceApi,
  OverviewRequest,
  OverviewSortField,
} from './api';
export { rootRouteRef, controlRouteRef, entityContentRouteRef } from './routes';
