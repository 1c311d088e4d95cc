// Type-checked by run.mjs against the packed declarations: every entry point
// a README snippet imports resolves, with the types an app relies on.
import { CONTROLS } from '@netpol/plugin-netpol-compliance-common';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import netpolComplianceBackend from '@netpol/plugin-netpol-compliance-backend';
import {
  EntityNetpolComplianceContent,
  NetpolCompliancePage,
  isNetpolComplianceAvailable,
} from '@netpol/plugin-netpol-compliance';
import netpolCompliancePlugin from '@netpol/plugin-netpol-compliance/alpha';
import type { FrontendPlugin } from '@backstage/frontend-plugin-api';

export const backend: BackendFeature = netpolComplianceBackend;
export const frontend: FrontendPlugin = netpolCompliancePlugin;
export const legacy = [EntityNetpolComplianceContent, NetpolCompliancePage, isNetpolComplianceAvailable];
export const controlIds: string[] = CONTROLS.map(c => c.id);
