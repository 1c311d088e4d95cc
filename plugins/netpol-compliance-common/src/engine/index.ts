export { evaluateCluster, evaluateClusterByNamespace } from './evaluateCluster';
export type { ClusterEvaluation } from './evaluateCluster';
export type { EvaluateOptions } from './options';
export { DEFAULT_EXEMPT_NAMESPACES } from './options';
