/**
 * A cluster snapshot: only the fields the engine needs, read from the
 * Kubernetes API (or from manifests) and nothing else. Every evaluation is a
 * pure function of one of these.
 */

/** @public */
export interface LabelSelectorRequirement {
  key: string;
  operator: string; // In | NotIn | Exists | DoesNotExist (anything else is invalid)
  values?: string[];
}

/** A Kubernetes `metav1.LabelSelector`. @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** @public */
export interface OwnerReference {
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

/** @public */
export interface NamespaceSnapshot {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** @public */
export interface ContainerPortSnapshot {
  name?: string;
  containerPort: number;
  protocol?: string; // TCP when absent
}

/** @public */
export interface PodSnapshot {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ownerReferences: OwnerReference[];
  /** Pending | Running | Succeeded | Failed | Unknown */
  phase?: string;
  hostNetwork?: boolean;
  podIPs: string[];
  ports: ContainerPortSnapshot[];
  /** `spec.serviceAccountName` (Cilium and Calico select by service account). */
  serviceAccountName?: string;
}

/**
 * A pod controller (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job,
 * CronJob, ReplicationController). Used to resolve pod owners to top-level
 * workloads, and, where no live pods exist (manifests from Git), evaluated
 * through its pod template.
 * @public
 */
export interface ControllerSnapshot {
  kind: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ownerReferences: OwnerReference[];
  /** Labels of `spec.template.metadata` (for CronJob: the job template's pod template). */
  templateLabels: Record<string, string>;
  templatePorts: ContainerPortSnapshot[];
  templateHostNetwork?: boolean;
  /** `spec.serviceAccountName` of the pod template. */
  templateServiceAccountName?: string;
  /** Containers of the pod template, kept for enforcer detection (NETPOL-002). */
  containers: ContainerSnapshot[];
}

/** @public */
export interface ContainerSnapshot {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string }>;
}

/** A `networking.k8s.io/v1` NetworkPolicy, spec kept as the API serves it. @public */
export interface NetworkPolicySnapshot {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: NetworkPolicySpec;
}

/** @public */
export interface NetworkPolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
}

/** @public */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

/** @public */
export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** @public */
export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

/** @public */
export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

/**
 * Policies of other engines (Cilium, Calico). They count for the presence and
 * coverage controls through their endpoint selectors, and reachability
 * evaluates them in the policy model as every other kind.
 * @public
 */
export type OtherPolicyKind =
  | 'CiliumNetworkPolicy'
  | 'CiliumClusterwideNetworkPolicy'
  | 'CalicoNetworkPolicy'
  | 'CalicoGlobalNetworkPolicy';

/** @public */
export interface OtherPolicySnapshot {
  kind: OtherPolicyKind;
  /** Absent for the cluster-wide kinds. */
  namespace?: string;
  name: string;
  /** The raw spec (or specs, for Cilium's `specs` list) as served. */
  spec: unknown;
}

/**
 * The cluster-scoped policies of the Kubernetes network-policy API
 * (kubernetes-sigs/network-policy-api): AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (`policy.networking.k8s.io/v1alpha1`) and
 * ClusterNetworkPolicy (`v1alpha2`, tier Admin or Baseline).
 * @public
 */
export type AdminPolicyKind =
  | 'AdminNetworkPolicy'
  | 'BaselineAdminNetworkPolicy'
  | 'ClusterNetworkPolicy';

/** @public */
export interface AdminPolicySnapshot {
  kind: AdminPolicyKind;
  apiVersion: string;
  name: string;
  /** The raw spec as served (CRD-backed: validated by the engine). */
  spec: unknown;
}

/**
 * An object the engine refused because the API server (or, for CRD-backed
 * kinds, the CRD schema) would reject it. It never counts toward any
 * control; its namespace lists it as a problem.
 * @public
 */
export interface InvalidObjectSnapshot {
  kind: string;
  apiVersion?: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
  /** Each with its field path: `spec.ingress[0].from[0]: must specify a peer`. */
  problems: string[];
}

/**
 * A Service that selects pods: only what tells which ports its pods are
 * sent traffic on (least-privilege policies allow those when the
 * containers declare no port).
 * @public
 */
export interface ServiceSnapshot {
  namespace: string;
  name: string;
  /** `spec.selector`; never empty (a Service without one is not kept). */
  selector: Record<string, string>;
  ports: ServicePortSnapshot[];
}

/** @public */
export interface ServicePortSnapshot {
  port: number;
  /** A number, or a container port name of the selected pods (absent: the same as `port`). */
  targetPort?: number | string;
  /** TCP when absent. */
  protocol?: string;
  name?: string;
}

/** @public */
export interface ConfigMapSnapshot {
  namespace: string;
  name: string;
  data: Record<string, string>;
}

/** The resources a scan reads; used to say which data is missing. @public */
export type SnapshotResource =
  | 'namespaces'
  | 'pods'
  | 'networkpolicies'
  | 'controllers'
  | 'configmaps'
  | 'otherpolicies'
  | 'adminpolicies'
  | 'services';

/**
 * A resource that could not be read completely. The engine turns every
 * control that needs it into `unknown` with this reason, never pass or fail.
 * @public
 */
export interface MissingData {
  resource: SnapshotResource;
  /** Set when only one namespace's list failed. */
  namespace?: string;
  reason: string;
}

/** @public */
export interface ClusterSnapshot {
  cluster: { name: string; title?: string };
  /** ISO 8601 time the data was read. */
  collectedAt: string;
  namespaces: NamespaceSnapshot[];
  pods: PodSnapshot[];
  controllers: ControllerSnapshot[];
  networkPolicies: NetworkPolicySnapshot[];
  otherPolicies: OtherPolicySnapshot[];
  /** AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy (absent: none served). */
  adminPolicies?: AdminPolicySnapshot[];
  /** Objects refused as invalid: never evaluated, listed as problems. */
  invalidObjects?: InvalidObjectSnapshot[];
  /** ConfigMaps of the system namespaces that enforcer detection reads. */
  configMaps: ConfigMapSnapshot[];
  /** Services with a selector (absent: none read); only least-privilege fixes read them. */
  services?: ServiceSnapshot[];
  missing: MissingData[];
}
