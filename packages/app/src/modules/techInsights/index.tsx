import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isNetpolComplianceAvailable } from '@netpol/plugin-netpol-compliance';

/** The entity overview's card with the netpol-compliance Tech Insights checks. */
export const techInsightsModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    EntityCardBlueprint.make({
      name: 'netpol-tech-insights',
      params: {
        filter: isNetpolComplianceAvailable,
        loader: () => import('./NetpolTechInsightsCard').then(m => <m.NetpolTechInsightsCard />),
      },
    }),
  ],
});
