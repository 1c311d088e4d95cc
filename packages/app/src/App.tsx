import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import netpolCompliancePlugin from '@netpol/plugin-netpol-compliance/alpha';
import { navModule } from './modules/nav';
import { searchModule } from './modules/search';
import { techInsightsModule } from './modules/techInsights';

// Notifications (regressions reach the owners), signals (they arrive
// live) and search (the control docs) show the netpol-compliance
// integrations; the app runs without them as well.
export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    netpolCompliancePlugin,
    notificationsPlugin,
    signalsPlugin,
    searchPlugin,
    searchModule,
    techInsightsModule,
    navModule,
  ],
});
