/*
 * The demo backend: the catalog, the real kubernetes backend pointed at the
 * demo clusters (see app-config.yaml), and the netpol-compliance plugin.
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

backend.start();
