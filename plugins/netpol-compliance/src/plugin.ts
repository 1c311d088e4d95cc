import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { NetpolComplianceClient, netpolComplianceApiRef } from './api';
import { controlRouteRef, entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The netpol-compliance frontend plugin for the legacy frontend system.
 *
 * @public
 */
export const netpolCompliancePlugin = createPlugin({
  id: 'netpol-compliance',
  apis: [
    createApiFactory({
      api: netpolComplianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NetpolComplianceClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    control: controlRouteRef,
    entityContent: entityContentRouteRef,
  },
});

/**
 * The Network policy entity tab. Mount it with
 * `<EntityLayout.Route path="/netpol-compliance" title="Network policy" if={isNetpolComplianceAvailable}>`.
 *
 * @public
 */
export const EntityNetpolComplianceContent = netpolCompliancePlugin.provide(
  createRoutableExtension({
    name: 'EntityNetpolComplianceContent',
    component: () =>
      import('./components/EntityNetpolComplianceContent').then(
        m => m.EntityNetpolComplianceContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The Network policy summary card for the entity overview.
 *
 * @public
 */
export const EntityNetpolComplianceCard = netpolCompliancePlugin.provide(
  createComponentExtension({
    name: 'EntityNetpolComplianceCard',
    component: {
      lazy: () =>
        import('./components/EntityNetpolComplianceCard').then(
          m => m.EntityNetpolComplianceCard,
        ),
    },
  }),
);

/**
 * The overview and control docs pages. Mount it with
 * `<Route path="/netpol-compliance" element={<NetpolCompliancePage />} />`.
 *
 * @public
 */
export const NetpolCompliancePage = netpolCompliancePlugin.provide(
  createRoutableExtension({
    name: 'NetpolCompliancePage',
    component: () =>
      import('./components/NetpolCompliancePage').then(
        m => m.NetpolCompliancePage,
      ),
    mountPoint: rootRouteRef,
  }),
);
