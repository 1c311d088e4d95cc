/**
 * The permissions live in the common package, where permission policies and
 * the frontend import them; re-exported here for code that imported them
 * from the backend.
 */
export {
  netpolComplianceOverviewReadPermission,
  netpolComplianceScanPermission,
  netpolCompliancePermissions,
} from '@netpol/plugin-netpol-compliance-common';
