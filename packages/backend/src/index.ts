/*
 * The demo backend: the catalog, the real kubernetes backend pointed at the
 * demo clusters (see app-config.yaml), the netpol-compliance plugin, and
 * the integrations it feeds: Tech Insights facts, regression notifications
 * and search over the control docs. Each integration is optional: drop its
 * lines and the plugin runs the same.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@backstage/plugin-permission-backend-module-allow-all-policy'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@netpol/plugin-netpol-compliance-backend'));

// Tech Insights with the JSON rules engine and the netpol-compliance facts.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'));
backend.add(import('@netpol/plugin-tech-insights-backend-module-netpol-compliance'));

// Notifications (the regression notifier sends through them) and signals.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Search (in-memory Lunr) with the control docs collator, and the catalog's
// for the search page's Software Catalog type.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@netpol/plugin-search-backend-module-netpol-compliance'));

backend.start();
