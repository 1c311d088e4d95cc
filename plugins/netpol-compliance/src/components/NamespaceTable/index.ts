export { NamespaceTable } from './NamespaceTable';
export type { NamespaceRow } from './NamespaceTable';
export { NamespaceDetails } from './NamespaceDetails';
export { UNKNOWN_HINT, clusterErrorHint } from './hints';
