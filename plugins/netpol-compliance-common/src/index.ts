/**
 * Common types, the control catalogue and the pure evaluation engine of the
 * netpol-compliance plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './controls/catalog';
export * from './snapshot/types';
export * from './report';
export * from './api';
export * from './engine';
export * from './permissions';
export {
  compareStatusSeverity,
  STATUS_SEVERITY,
  STATUSES_WORST_FIRST,
  worstStatus,
} from './statusSeverity';

export {
  compileLabelSelector,
  formatLabelSelector,
  isEmptySelector,
  labelsKey,
  matchesSelector,
  validateLabelSelector,
} from './selectors/labelSelector';
export type { CompiledLabelSelector, Labels } from './selectors/labelSelector';
export { parseLabelSelectorString } from './selectors/parseLabelSelectorString';
export {
  LabelSelectorSyntaxError,
  matchesLabelSelectorText,
  parseLabelSelectorText,
} from './selectors/labelSelectorText';
export type {
  LabelSelectorTextOperator,
  LabelSelectorTextRequirement,
} from './selectors/labelSelectorText';
export { parseCalicoSelector } from './selectors/calicoSelector';
export type { CalicoSelectorResult } from './selectors/calicoSelector';

export { effectivePolicyTypes } from './semantics/policyTypes';
export type { Direction, PolicyTypesResult } from './semantics/policyTypes';
export { selectedPods } from './semantics/policySelection';
export { ipBlockMatches } from './semantics/ipBlock';

export {
  resolveWorkloads,
  isProtectablePod,
} from './workloads/resolveWorkloads';
export type {
  ResolvedWorkload,
  WorkloadMember,
} from './workloads/resolveWorkloads';

export {
  checkReachability,
  createReachabilityChecker,
} from './reachability/checkReachability';
export { ReachabilityQueryError } from './reachability/types';
export type {
  DirectionVerdict,
  ReachabilityEndpoint,
  ReachabilityQuery,
  ReachabilityResult,
} from './reachability/types';

export { detectEnforcer } from './enforcers/detectEnforcer';
export type { EnforcerDetection } from './enforcers/detectEnforcer';
export {
  ENFORCER_CONFIGMAP_LOCATIONS,
  ENFORCER_CONFIGMAPS,
  ENFORCER_NAMESPACES,
} from './enforcers/registry';
export type { EnforcerConfigMapLocation } from './enforcers/registry';
export type {
  AdminPolicyApiSupport,
  ApiSupport,
} from './enforcers/types';

export { generateRemediation } from './remediation/generateRemediation';
export type { RemediationOptions } from './remediation/generateRemediation';
export { leastPrivilegePolicies } from './remediation/leastPrivilege';
export type { DeclaredPair, LeastPrivilegeOptions, LeastPrivilegePolicies } from './remediation/leastPrivilege';
export { verifyLeastPrivilege } from './remediation/verifyLeastPrivilege';
export type { LeastPrivilegeCheck } from './remediation/verifyLeastPrivilege';
export { letInBy } from './remediation/replacedPolicies';
export type { ReplacedPolicy } from './remediation/replacedPolicies';
export { allExpectedConnections, expectedConnections } from './connections/deriveConnections';
export { blockedConnections, evaluateConnections } from './connections/evaluateConnections';
export { CLUSTER_DNS } from './connections/types';
export { attachCatalogConnections } from './connections/catalogConnections';
export { connectionReason, entityConnectionsSummary } from './connections/entityConnectionsResult';
export {
  catalogComponentOf,
  catalogComponentsOf,
  completeEntityRef,
  mappingFromAnnotations,
} from './connections/catalogEntity';
export type { CatalogEntityLike } from './connections/catalogEntity';
export type { EntityConnectionsSummary } from './connections/entityConnectionsResult';
export type { CatalogConnectionsOptions } from './connections/catalogConnections';
export type {
  CatalogComponent,
  ClusterConnections,
  ConnectionEnd,
  ConnectionVerdict,
  EntityConnections,
  EvaluatedConnection,
  ExpectedConnection,
  LeastPrivilegeFix,
  OpenPath,
} from './connections/types';

export {
  buildClusterSnapshot,
  ClusterSnapshotBuilder,
  toSnapshotRecords,
} from './snapshot/buildClusterSnapshot';
export type {
  BuildSnapshotInput,
  BuildSnapshotResult,
  SnapshotRecord,
} from './snapshot/buildClusterSnapshot';
export { RecordInterner } from './snapshot/recordInterner';
export { isClusterScopedKind, readKindOf } from './snapshot/readKinds';
export type { ReadKind } from './snapshot/readKinds';

export { reportFindings } from './findings';

export { policyKindOf, validateObject } from './validation/validateObject';
export type { PolicyKindInfo } from './validation/validateObject';
