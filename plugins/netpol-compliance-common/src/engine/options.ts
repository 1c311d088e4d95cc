/** @public */
export interface EvaluateOptions {
  /**
   * Namespace name patterns exempt from the namespace controls (`*` matches
   * any run of characters). Exempt namespaces stay in the report as `exempt`.
   */
  exemptNamespaces?: string[];
  /**
   * States NETPOL-002 for this cluster instead of detecting it, for enforcers
   * the detection cannot see (managed dataplanes, custom CNIs).
   */
  enforcerOverride?: { enforcing: boolean; reason: string };
  /** Fill `WorkloadReport.reach` (default true). */
  reachability?: boolean;
  /** Fill `PolicySummary.yaml` (default true). */
  policyYaml?: boolean;
  /** Fill `NamespaceReport.remediation` for failing namespaces (default true). */
  remediation?: boolean;
  /**
   * NETPOL-001 counts the cluster admin policies (AdminNetworkPolicy,
   * BaselineAdminNetworkPolicy, ClusterNetworkPolicy) that select a
   * namespace's pods. Default false: the CIS reading, which asks for
   * policies the namespace owns (admin policies are then listed as evidence).
   */
  countAdminPolicies?: boolean;
}

/** @public */
export const DEFAULT_EXEMPT_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
];
