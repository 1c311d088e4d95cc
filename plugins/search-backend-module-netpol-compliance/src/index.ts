/**
 * Backstage search collator for the netpol-compliance control docs.
 *
 * @packageDocumentation
 */
export { searchModuleNetpolComplianceControls as default } from './module';
export { NetpolControlCollatorFactory } from './NetpolControlCollatorFactory';
export {
  controlDocument,
  DEFAULT_CONTROL_PAGE_PATH,
  NETPOL_CONTROL_DOCUMENT_TYPE,
} from './controlDocuments';
export type { NetpolControlDocument } from './controlDocuments';
