import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import netpolCompliancePlugin from '@netpol/plugin-netpol-compliance/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, orgPlugin, netpolCompliancePlugin, navModule],
});
