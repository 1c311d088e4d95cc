export {
  NetpolCompliancePage,
  NetpolComplianceRoutes,
} from './NetpolCompliancePage';
