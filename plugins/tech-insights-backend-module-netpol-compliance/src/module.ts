import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { createNetpolComplianceFactRetriever } from './factRetriever';
import { NETPOL_FACT_RETRIEVER_ID } from './factSchema';

/**
 * Adds the netpol-compliance fact retriever to Tech Insights. It runs when
 * `techInsights.factRetrievers.netpolComplianceFactRetriever.cadence` is set
 * (Tech Insights registers only configured retrievers).
 * @public
 */
export const techInsightsModuleNetpolCompliance = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'netpol-compliance',
  register(env) {
    env.registerInit({
      deps: { factRetrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ factRetrievers }) {
        factRetrievers.addFactRetrievers({
          [NETPOL_FACT_RETRIEVER_ID]: createNetpolComplianceFactRetriever(),
        });
      },
    });
  },
});
