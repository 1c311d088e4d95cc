/**
 * One model for every policy kind, so that reachability and every control
 * read the same thing. Each kind (Kubernetes NetworkPolicy, Cilium, Calico,
 * and the cluster-scoped AdminNetworkPolicy / BaselineAdminNetworkPolicy /
 * ClusterNetworkPolicy) is compiled into `ModelPolicy` values, and
 * `evaluateDirection` decides one side of a connection from them, tier by
 * tier. A kind plugs in with a compiler to `ModelPolicy` (as
 * `fromNetworkPolicy.ts`, `otherPolicies/otherPolicyModel.ts` and
 * `adminPolicies/compileAdminPolicy.ts` do), whose results
 * `engine/modelIndex.ts` indexes per tier (the cluster-scoped kinds through
 * `engine/clusterScopedPolicies.ts`).
 */
import type { ContainerPortSnapshot } from '../snapshot/types';
import type { PolicyRef } from '../report';
import type { Labels } from '../selectors/labelSelector';
import type { PodView } from '../semantics/peers';
import type { PortSet } from '../semantics/ports';
import type { CompiledIpBlock } from '../semantics/ipBlock';
import type { EndpointView } from '../otherPolicies/endpointView';

/** @public */
export type ModelDirection = 'ingress' | 'egress';

/**
 * - `allow` / `deny`: final for the matched ports;
 * - `pass`: hands the matched ports to the next tier (ANP Pass, Calico Pass);
 * - `log`: records and goes on (Calico Log).
 * @public
 */
export type ModelAction = 'allow' | 'deny' | 'pass' | 'log';

/**
 * Tiers, evaluated in this order:
 * - `admin`: first match over the admin policies by priority (lower first);
 * - `namespace`: NetworkPolicy, Cilium and Calico policies (see evaluate.ts);
 * - `baseline`: first match by priority; unmatched traffic is allowed.
 * @public
 */
export type ModelTier = 'admin' | 'namespace' | 'baseline';

/** A pod as a policy sees it: subject or peer. @public */
export interface ModelPod {
  namespace: string;
  /** The namespace's labels (with `kubernetes.io/metadata.name`). */
  namespaceLabels: Labels;
  labels: Labels;
  /** `spec.serviceAccountName` (`default` when absent, as the API server sets it). */
  serviceAccount: string;
  /**
   * Pod IPs: of the one pod in a reach query; of every pod of the shape in
   * the controls and summaries; absent for pods built from templates.
   */
  ips?: string[];
  /** Never true here: host-network pods are not subjects nor pod peers (their traffic is the node's). */
  hostNetwork?: boolean;
  ports: ContainerPortSnapshot[];
  /** Memo keys for Kubernetes selectors. */
  podView: PodView;
  /** The pod with the labels Cilium and Calico add. */
  endpoint: EndpointView;
}

/** The other end of a connection. @public */
export type ModelRemote =
  | { kind: 'pod'; pod: ModelPod }
  | { kind: 'ip'; ip: string };

/** One peer of a rule (`from`/`to` entry, Cilium entity, Calico selector...). @public */
export interface ModelPeer {
  /** `pods app=web in namespaces (all)`, `entity world`... */
  text: string;
  matches(remote: ModelRemote): boolean;
  /**
   * Says so when the peer admits everyone of its family, by meaning rather
   * than by form (NETPOL-006): `every pod in every namespace`,
   * `every IPv4 address`... Computed on demand (it probes namespaces).
   */
  everyone?(): string | undefined;
}

/** What a compiler may ask about the cluster while compiling. @public */
export interface ModelContext {
  /** Every namespace of the cluster and one created tomorrow match (by labels). */
  everyNamespace(matches: (namespaceLabels: Labels) => boolean, key?: string): boolean;
  /** A pod without labels in every namespace and in a new one. */
  probePods(): ModelPod[];
  /**
   * `match` holds for every pod of every namespace and of a new one,
   * whatever their labels (policyModel/everyPod.ts).
   */
  everyPod(match: (pod: ModelPod) => boolean): boolean;
  /**
   * Every namespace (and a new one) may hold pods `match` admits: only
   * its own keys never rule a namespace out. For "pods X in every namespace".
   */
  someEverywhere(match: (pod: ModelPod) => boolean): boolean;
}

/** @public */
export interface ModelRule {
  direction: ModelDirection;
  /** 1-based position in the policy's list for this direction, as people count. */
  index: number;
  action: ModelAction;
  /** True: every source/destination (no peer restriction). */
  allPeers: boolean;
  /**
   * Set by the network-policy API kinds' compiler when the peers name every
   * pod of every namespace but `allPeers` is not set: their ingress peers
   * cannot name a source outside the cluster, and egress needs `networks`
   * covering both families for that. Such a rule covers the `pod` kind of
   * stranger only (policyModel/strangers.ts): a Deny of it is no deny-all,
   * since addresses outside the cluster go on to the next tier.
   */
  everyPodOnly?: boolean;
  /**
   * Set by the network-policy API kinds' compiler when every peer names
   * namespaces or pods: the rule never matches an address outside the
   * cluster.
   */
  podPeersOnly?: boolean;
  peers: ModelPeer[];
  /** True when the rule is not restricted to ports. */
  allPorts: boolean;
  /** The ports it covers toward a destination (named ports resolved on it; none for an IP). */
  ports(destinationPorts: ContainerPortSnapshot[] | undefined): PortSet;
  /** `all ports`, `TCP/80, UDP/dns`. */
  portsText: string;
  /** Can never match: every peer or every port of it is invalid. */
  inert?: boolean;
  /** Its address peers (ipBlock, CIDR, nets), for the "union is every address" check. */
  addressBlocks?: CompiledIpBlock[];
  /**
   * Evaluated before the ordered rules of its tier, whatever the order
   * (Cilium deny rules win over every allow).
   */
  first?: boolean;
}

/** @public */
export interface ModelPolicy {
  /** Unique key: `Kind namespace/name` (or `Kind name`). */
  id: string;
  /** How reasons name it: `shop/web` for a NetworkPolicy, `CiliumNetworkPolicy shop/web`... */
  label: string;
  ref: PolicyRef;
  tier: ModelTier;
  /**
   * Order within its tier, lower first: priority for the admin and
   * baseline tiers, `order` for Calico (absent: Infinity, as Calico does);
   * 1000 for NetworkPolicy and Cilium (the order Calico gives converted
   * NetworkPolicies). Ties go by id.
   */
  order: number;
  /** Undefined for cluster-scoped policies. */
  namespace?: string;
  selects(pod: ModelPod): boolean;
  /**
   * Whether selecting a pod puts it into default deny for a direction at
   * the end of its tier (namespace tier only; admin and baseline tiers
   * never deny what none of their rules match).
   */
  isolates: Record<ModelDirection, boolean>;
  rules: Record<ModelDirection, ModelRule[]>;
  /**
   * When isolation differs between the pods it selects (a Cilium policy
   * with several `specs`): whether it isolates this pod. Default:
   * `isolates[direction]`.
   */
  isolatesPod?(pod: ModelPod, direction: ModelDirection): boolean;
  /**
   * When a rule only applies to some of the selected pods (one Cilium
   * spec of several, a Calico rule's own subject-side selector). Default:
   * every rule applies to every selected pod.
   */
  appliesTo?(rule: ModelRule, pod: ModelPod): boolean;
  problems: string[];
}

/** What one rule decided, for the explanation. @public */
export interface ModelStep {
  policy: ModelPolicy;
  rule: ModelRule;
  ports: PortSet;
}

/**
 * One side of a connection, decided. `allowed` and `denied` partition
 * every port: what no tier decided is allowed (default allow).
 * @public
 */
export interface ModelDecision {
  /** Ports allowed (ALL_PORTS when nothing applies). */
  allowed: PortSet;
  /**
   * Some policy isolates the pod in this direction: a namespace-tier
   * policy selecting it for the direction, or an admin/baseline policy
   * whose rules deny every peer on every port before allowing any.
   */
  isolated: boolean;
  /** The namespace-tier policies isolating the pod (the end-of-tier deny). */
  isolating: ModelPolicy[];
  /** Allow rules that matched, per policy (non-empty ports only; `rule`: its first one). */
  allows: Array<{ policy: ModelPolicy; ports: PortSet; rule?: ModelRule }>;
  /** Explicit deny rules that matched. */
  denies: ModelStep[];
  /** Pass rules that matched. */
  passes: ModelStep[];
  /** What later tiers would have allowed, had an earlier tier not decided (explanations). */
  overridden: Array<{ policy: ModelPolicy; ports: PortSet }>;
}

/** The policies of every tier that select one pod, each list sorted. @public */
export interface ModelPolicySet {
  admin: ModelPolicy[];
  namespace: ModelPolicy[];
  baseline: ModelPolicy[];
}
