import {
  netpolComplianceOverviewReadPermission,
  netpolCompliancePermissions,
  netpolComplianceScanPermission,
} from './index';

describe('permissions', () => {
  it('are exported from the package root, by the names permission policies match on', () => {
    expect(netpolCompliancePermissions.map(p => p.name)).toEqual([
      'netpol.compliance.overview.read',
      'netpol.compliance.scan',
    ]);
    expect(netpolComplianceOverviewReadPermission.attributes.action).toBe('read');
    expect(netpolComplianceScanPermission.attributes.action).toBe('update');
  });
});
