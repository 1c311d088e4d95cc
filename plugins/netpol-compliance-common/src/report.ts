/**
 * What the engine produces and the API serves. One source of truth for the
 * backend, the frontend and the CLI.
 */
import type { EntityConnections, LeastPrivilegeFix } from './connections/types';
import type { ControlId } from './controls/catalog';
import type { AdminPolicyKind } from './snapshot/types';

/**
 * - `unknown`: the data needed was not complete (forbidden, timed out,
 *   unreachable); never reported as pass or fail.
 * - `exempt`: excluded by config or by a namespace annotation, with a reason.
 * @public
 */
export type ControlStatus =
  | 'pass'
  | 'fail'
  | 'warning'
  | 'unknown'
  | 'exempt'
  | 'not-applicable';

/** A policy named in evidence. `kind` is NetworkPolicy unless another engine's. @public */
export interface PolicyRef {
  kind: string;
  namespace?: string;
  name: string;
}

/** A top-level workload: `Deployment/web`, `StatefulSet/db`, `Pod/debug`. @public */
export interface WorkloadRef {
  kind: string;
  name: string;
  namespace: string;
}

/** @public */
export interface EnforcerEvidence {
  /** Calico, Cilium, AWS VPC CNI network-policy agent, ... */
  name: string;
  enforcing: boolean;
  /** Where it was seen: `DaemonSet kube-system/calico-node`. */
  source: string;
  detail?: string;
  /**
   * `undetermined` when the plugin was recognised but the data cannot tell
   * whether it enforces (then `enforcing` is false and the control is
   * `unknown`, not `fail`).
   */
  state?: 'enforcing' | 'not-enforcing' | 'undetermined';
  /** The network-policy API kinds it is known to implement (AdminNetworkPolicy...). */
  implements?: AdminPolicyKind[];
}

/** One rule of one policy named in evidence (NETPOL-006). @public */
export interface RuleEvidence {
  policy: PolicyRef;
  direction: 'ingress' | 'egress';
  /** 1-based position of the rule in the policy's list. */
  rule: number;
  /** 1-based position of the peer in the rule, when one peer is at fault. */
  peer?: number;
  /** `shop/allow-all-egress: egress rule 1 allows all destinations` */
  text: string;
}

/** @public */
export interface ControlEvidence {
  policies?: PolicyRef[];
  workloads?: WorkloadRef[];
  enforcers?: EnforcerEvidence[];
  /** Human text for evidence that is none of the above (a rule, a config key). */
  notes?: string[];
  /** Policy rules at fault, structured (NETPOL-006). */
  rules?: RuleEvidence[];
}

/** @public */
export interface ControlResult {
  control: ControlId;
  status: ControlStatus;
  reason: string;
  evidence: ControlEvidence;
}

/** @public */
export interface WorkloadReport extends WorkloadRef {
  labels: Record<string, string>;
  /** Live pods counted for this workload (0 when evaluated from its template). */
  pods: number;
  /** NetworkPolicies selecting its pods, per direction they isolate. */
  ingressPolicies: PolicyRef[];
  egressPolicies: PolicyRef[];
  /** Cilium/Calico policies selecting it. */
  otherPolicies: PolicyRef[];
  /** AdminNetworkPolicy / BaselineAdminNetworkPolicy / ClusterNetworkPolicy selecting it. */
  adminPolicies?: PolicyRef[];
  /** Reachability summary, when computed. */
  reach?: {
    /**
     * Some pod of another namespace can open a connection to it on some
     * port: that pod's egress and this workload's ingress both allow it.
     */
    fromOtherNamespaces: boolean;
    /**
     * Some address outside the cluster can connect on some port: not
     * isolated for ingress, or a rule allows all sources or an ipBlock.
     */
    fromOutsideCluster: boolean;
    /**
     * What decided each answer, as `reach` words it: the tier, policy and
     * rule of the side that decides (`from client: denied by
     * AdminNetworkPolicy deny-to-db ingress rule 2 "deny-client" (admin
     * tier), before shop/allow-web`). For other namespaces: a source that
     * can connect, or else an example one (the first pod of another
     * namespace). Policies of every kind and tier are evaluated.
     */
    why?: { fromOtherNamespaces: string; fromOutsideCluster: string };
    /**
     * Caveats. None are set since every policy kind and tier is evaluated;
     * reports stored before that may carry "other policy kinds apply".
     */
    notes?: string[];
  };
  /** Selected by at least one policy (any kind, any direction): what NETPOL-003 checks. */
  covered?: boolean;
  /** True when evaluated through the controller's pod template (no live pod). */
  fromTemplate?: boolean;
}

/** @public */
export interface PolicySummary extends PolicyRef {
  /** Directions it isolates (from policyTypes and its defaulting). */
  policyTypes: string[];
  /** The policy as YAML, for the evidence view. */
  yaml?: string;
  /** Problems found in the policy (invalid selector, unknown operator...). */
  problems?: string[];
  /** True for the cluster-wide kinds (CiliumClusterwideNetworkPolicy, Calico GlobalNetworkPolicy, admin kinds). */
  clusterWide?: boolean;
  /** For the network-policy API kinds: the tier they are evaluated in. */
  tier?: 'Admin' | 'Baseline';
  /** For the network-policy API kinds (and Calico `order`): lower goes first. */
  priority?: number;
  /** Workloads of the namespace it selects (`Kind/name`). */
  selects?: string[];
}

/** @public */
export interface NamespaceReport {
  cluster: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Set when the namespace is exempt; every control is then `exempt`. */
  exemption?: { reason: string };
  results: ControlResult[];
  workloads: WorkloadReport[];
  policies: PolicySummary[];
  /**
   * Objects that apply to this namespace but were refused as invalid (what
   * the API server or the CRD schema would reject: policies, and workloads
   * or other objects the engine reads whose fields cannot be decoded):
   * never counted.
   */
  ignored?: Array<{ object: PolicyRef; problems: string[] }>;
  /** YAML that fixes the failing controls, when any fail. */
  remediation?: string;
  /** Connections of the catalog entities running here (scans given the catalog). */
  connections?: EntityConnections[];
  /** Least-privilege policies from the declared connections, verified. */
  leastPrivilege?: LeastPrivilegeFix;
  /** Why a namespace with declared connections has no `leastPrivilege` (a scan verifies a few). */
  leastPrivilegeOmitted?: string;
}

/** @public */
export interface ClusterReport {
  cluster: { name: string; title?: string };
  /** When the data was read. */
  scannedAt: string;
  /** Cluster-scoped controls (NETPOL-002). */
  results: ControlResult[];
  namespaces: NamespaceReport[];
  /** Reads that failed; the affected controls are `unknown`. */
  errors: Array<{ resource: string; namespace?: string; reason: string }>;
}

/** One per control and subject: the flat form for machines. @public */
export interface Finding {
  control: ControlId;
  status: ControlStatus;
  cluster: string;
  namespace?: string;
  /** `Kind/name` for workload-level findings. */
  workload?: string;
  /** `namespace/name` for policy-level findings. */
  policy?: string;
  reason: string;
}
