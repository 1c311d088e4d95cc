import { ReactNode } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import { permissionApiRef, usePermission } from '@backstage/plugin-permission-react';
import { netpolComplianceScanPermission } from '@netpol/plugin-netpol-compliance-common';

function Checked(props: { children: (allowed: boolean) => ReactNode }) {
  const { allowed } = usePermission({ permission: netpolComplianceScanPermission });
  return <>{props.children(allowed)}</>;
}

/**
 * Renders `children(allowed)`: whether the user may start scans
 * (`netpol.compliance.scan`), so Rescan is offered only to them. An app
 * without a permission API (the permission framework off) allows it, as its
 * backend then does; the backend checks again either way.
 */
export function ScanPermission(props: { children: (allowed: boolean) => ReactNode }) {
  const hasPermissionApi = Boolean(useApiHolder().get(permissionApiRef));
  if (!hasPermissionApi) return <>{props.children(true)}</>;
  return <Checked>{props.children}</Checked>;
}
