import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SearchFilterResultTypeBlueprint } from '@backstage/plugin-search-react/alpha';
import SecurityIcon from '@material-ui/icons/Security';

/**
 * The search page's "Network policy controls" result type: the control docs
 * indexed by @netpol/plugin-search-backend-module-netpol-compliance (its
 * NETPOL_CONTROL_DOCUMENT_TYPE).
 */
export const searchModule = createFrontendModule({
  pluginId: 'search',
  extensions: [
    SearchFilterResultTypeBlueprint.make({
      name: 'netpol-compliance-controls',
      params: {
        value: 'netpol-compliance-control',
        name: 'Network policy controls',
        icon: <SecurityIcon />,
      },
    }),
  ],
});
