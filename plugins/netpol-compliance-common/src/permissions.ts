import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the overview, history and scan status of all clusters: the
 * platform team's view. An entity's own view is governed instead by catalog
 * read access to that entity and by the kubernetes plugin's own read
 * permissions (see the backend README).
 * @public
 */
export const netpolComplianceOverviewReadPermission = createPermission({
  name: 'netpol.compliance.overview.read',
  attributes: { action: 'read' },
});

/**
 * Starting a scan with the plugin's own cluster credentials, whose result is
 * stored for everyone: POST /scan, the Rescan buttons. (A scan with the
 * user's own cluster token is shown to that user only: it needs what the
 * entity view needs, and is limited per caller.)
 * @public
 */
export const netpolComplianceScanPermission = createPermission({
  name: 'netpol.compliance.scan',
  attributes: { action: 'update' },
});

/** Every permission of the plugin, as the backend registers them. @public */
export const netpolCompliancePermissions = [
  netpolComplianceOverviewReadPermission,
  netpolComplianceScanPermission,
];
