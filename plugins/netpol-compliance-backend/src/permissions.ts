import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the overview, history and scan status of all clusters: the
 * platform team's view. An entity's own view is governed by catalog read
 * access to that entity instead.
 * @public
 */
export const netpolComplianceOverviewReadPermission = createPermission({
  name: 'netpol.compliance.overview.read',
  attributes: { action: 'read' },
});

/** Starting a scan on demand. @public */
export const netpolComplianceScanPermission = createPermission({
  name: 'netpol.compliance.scan',
  attributes: { action: 'update' },
});

export const netpolCompliancePermissions = [
  netpolComplianceOverviewReadPermission,
  netpolComplianceScanPermission,
];
