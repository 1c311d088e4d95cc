/**
 * Tech Insights facts from the netpol-compliance plugin's stored reports.
 *
 * @packageDocumentation
 */
export { techInsightsModuleNetpolCompliance as default } from './module';
export { createNetpolComplianceFactRetriever } from './factRetriever';
export {
  failingFactName,
  NETPOL_FACT_RETRIEVER_ID,
  NETPOL_FACT_SCHEMA,
  NETPOL_FACTS_VERSION,
} from './factSchema';
export type { NetpolFacts } from './factSchema';
