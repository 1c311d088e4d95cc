import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SecurityIcon from '@material-ui/icons/Security';
import { NetpolComplianceClient, netpolComplianceApiRef } from './api';
import { controlRouteRef, entityContentRouteRef, rootRouteRef } from './routes';
import { isNetpolComplianceAvailable } from './utils/isNetpolComplianceAvailable';

/** `api:netpol-compliance` @alpha */
export const netpolComplianceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: netpolComplianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NetpolComplianceClient({ discoveryApi, fetchApi }),
    }),
});

/** `entity-content:netpol-compliance`: the Network policy tab. @alpha */
export const netpolComplianceEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'netpol-compliance',
    title: 'Network policy',
    routeRef: entityContentRouteRef,
    filter: isNetpolComplianceAvailable,
    loader: () =>
      import('./components/EntityNetpolComplianceContent').then(m => (
        <m.EntityNetpolComplianceContent />
      )),
  },
});

/** `entity-card:netpol-compliance`: the summary card. @alpha */
export const netpolComplianceEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isNetpolComplianceAvailable,
    loader: () =>
      import('./components/EntityNetpolComplianceCard').then(m => (
        <m.EntityNetpolComplianceCard />
      )),
  },
});

/**
 * `page:netpol-compliance`: the overview at `/netpol-compliance` and the
 * control docs at `/netpol-compliance/controls/:id`.
 *
 * @alpha
 */
export const netpolCompliancePage = PageBlueprint.make({
  params: {
    path: '/netpol-compliance',
    title: 'Network policy compliance',
    icon: <SecurityIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/NetpolCompliancePage').then(m => (
        <m.NetpolComplianceRoutes />
      )),
  },
});

/**
 * The netpol-compliance plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'netpol-compliance',
  title: 'Network policy compliance',
  icon: <SecurityIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    control: controlRouteRef,
    entityContent: entityContentRouteRef,
  },
  extensions: [
    netpolComplianceApi,
    netpolComplianceEntityContent,
    netpolComplianceEntityCard,
    netpolCompliancePage,
  ],
});
