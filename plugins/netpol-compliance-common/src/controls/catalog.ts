/**
 * The control catalogue: the one place that names our controls, what they
 * check, and which framework items they map to. The API, the UI, the CLI and
 * the docs all read it from here.
 */

/** @public */
export type ControlId =
  | 'NETPOL-001'
  | 'NETPOL-002'
  | 'NETPOL-003'
  | 'NETPOL-004'
  | 'NETPOL-005'
  | 'NETPOL-006'
  | 'NETPOL-007';

/** @public */
export type ControlScope = 'cluster' | 'namespace' | 'entity';

/** @public */
export interface FrameworkMapping {
  framework: string;
  id: string;
  title?: string;
}

/** @public */
export interface ControlDefinition {
  id: ControlId;
  title: string;
  scope: ControlScope;
  /** What passes, in one sentence. */
  passes: string;
  /** Why it matters. */
  rationale: string;
  /** How to fix a failure, in prose; the YAML comes from the remediation generator. */
  remediation: string;
  /** Status given when the control fails (some controls only warn). */
  failStatus: 'fail' | 'warning';
  frameworks: FrameworkMapping[];
  references: string[];
}

const K8S_NETPOL_DOCS =
  'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

/** @public */
export const CONTROLS: readonly ControlDefinition[] = [
  {
    id: 'NETPOL-001',
    title: 'Namespace has at least one network policy',
    scope: 'namespace',
    passes:
      'The namespace contains at least one NetworkPolicy, or a Cilium or Calico policy that applies to it. This is the CIS reading, which counts namespace-scoped policies: AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy objects that select the namespace are listed as evidence, and count only when the platform team turns on the countAdminPolicies option.',
    rationale:
      'Pods in a namespace that no policy touches accept traffic from, and send traffic to, anything in the cluster network. One compromised workload can then reach every neighbour. A policy in each namespace is the first step of segmentation. Cluster-scoped admin policies (the Kubernetes network-policy API) can isolate a namespace with no policy of its own, but CIS asks for policies the namespace owns; the isolation they give is measured by NETPOL-003 to NETPOL-005 in any case.',
    remediation:
      'Apply a default-deny policy to the namespace, then add policies that allow the traffic each workload needs. Roll out gradually: once a pod is selected, anything not allowed is dropped.',
    failStatus: 'fail',
    frameworks: [
      { framework: 'CIS Kubernetes', id: '5.3.2' },
      { framework: 'CIS EKS', id: '4.3.2' },
      { framework: 'CIS AKS', id: '4.4.2' },
      { framework: 'CIS GKE', id: '4.3.2' },
      { framework: 'Kubescape', id: 'C-0206' },
    ],
    references: [
      K8S_NETPOL_DOCS,
      'https://kubernetes.io/docs/tasks/administer-cluster/declare-network-policy/',
    ],
  },
  {
    id: 'NETPOL-002',
    title: 'Cluster runs a network policy enforcer',
    scope: 'cluster',
    passes:
      'A network plugin that enforces NetworkPolicy (Calico, Cilium, Antrea, Weave Net, kube-router, the AWS VPC CNI network-policy agent, Azure NPM, GKE Dataplane V2...) runs in the cluster.',
    rationale:
      'The API server accepts NetworkPolicy objects whether or not anything enforces them. Without an enforcing network plugin every policy is silently ignored and all pod traffic is allowed. The same holds for the cluster-scoped kinds of the network-policy API: AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1: OVN-Kubernetes, Antrea with its feature gate, Calico 3.29 to 3.31, Kube-OVN, kube-network-policies) and ClusterNetworkPolicy (v1alpha2: Calico 3.32+, Antrea 2.7+, kube-network-policies, the AWS network policy agent). The detected plugins are named with the kinds they implement, and admin policies that no running plugin implements give a warning: they are not counted in any verdict. Only agents in their own system namespaces count: a DaemonSet named like a network plugin in a team namespace proves nothing.',
    remediation:
      'Enable the network-policy option of your platform (EKS: the VPC CNI network-policy agent or Calico; AKS: Azure NPM, Calico or Cilium; GKE: Dataplane V2 or the network-policy add-on) or install an enforcing CNI. Enabling it may roll the nodes.',
    failStatus: 'fail',
    frameworks: [
      { framework: 'CIS Kubernetes', id: '5.3.1' },
      { framework: 'CIS EKS', id: '5.4.4' },
      { framework: 'CIS AKS', id: '5.4.4' },
      { framework: 'CIS GKE 1.2.0', id: '5.6.7' },
      { framework: 'Kubescape', id: 'C-0230' },
      { framework: 'Kubescape', id: 'C-0240' },
      { framework: 'Kubescape', id: 'C-0205' },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/network-plugins/',
      K8S_NETPOL_DOCS,
      'https://network-policy-api.sigs.k8s.io/',
    ],
  },
  {
    id: 'NETPOL-003',
    title: 'Every workload is selected by a network policy',
    scope: 'namespace',
    passes:
      'Each workload in the namespace is isolated by at least one policy, of any kind and tier, in some direction: traffic from (or to) an address outside the cluster that no rule allows is denied, as `reach` shows.',
    rationale:
      'A policy protects only the pods it selects. A namespace can have policies and still run workloads that nothing selects; those accept all traffic. A cluster admin or baseline rule that denies every pod (`namespaces: {}`) does not isolate on its own: the network-policy API names only pods in ingress rules, and addresses only through egress `networks`, so traffic from outside the cluster is left as it was.',
    remediation:
      'Add a default-deny policy with an empty podSelector, or extend a policy selector to cover the listed workloads.',
    failStatus: 'fail',
    frameworks: [{ framework: 'Kubescape', id: 'C-0260', title: 'Missing network policy' }],
    references: [K8S_NETPOL_DOCS],
  },
  {
    id: 'NETPOL-004',
    title: 'Namespace denies ingress by default',
    scope: 'namespace',
    passes:
      'Every pod of the namespace, and every pod to come, has a policy that denies its ingress by default, from pods of the cluster and from outside it, so only explicitly allowed traffic gets in. Any kind and tier counts, read in evaluation order: a NetworkPolicy selecting every pod with no ingress rule, a Cilium or Calico default deny, an admin Deny of every source.',
    rationale:
      'With a default-deny ingress policy, a new workload starts isolated instead of open; allowing traffic becomes a deliberate act. Cluster admin policies cannot give it alone: the ingress peers of AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy name namespaces and pods only, so a baseline deny-all (`from: [{namespaces: {}}]`) leaves every source outside the cluster (nodes\' host-network traffic, load balancers, external addresses) allowed. An admin Allow of every pod opens the namespace to the cluster whatever its own default deny says.',
    remediation:
      'Apply a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]` and no ingress rules, also where a baseline admin policy already denies every pod.',
    failStatus: 'fail',
    frameworks: [{ framework: 'Kubernetes docs', id: 'Default deny all ingress traffic' }],
    references: [`${K8S_NETPOL_DOCS}#default-deny-all-ingress-traffic`],
  },
  {
    id: 'NETPOL-005',
    title: 'Namespace denies egress by default',
    scope: 'namespace',
    passes:
      'Every pod of the namespace, and every pod to come, has a policy that denies its egress by default, to pods of the cluster and to addresses outside it, so pods reach only what is explicitly allowed. Any kind and tier counts: a cluster admin or baseline Deny counts when it names every namespace and `networks` covering 0.0.0.0/0 and ::/0.',
    rationale:
      'Default-deny egress limits what a compromised pod can reach and what data it can send out of the cluster. An admin or baseline Deny of every namespace alone leaves every address outside the cluster reachable.',
    remediation:
      'Apply a NetworkPolicy with `podSelector: {}` and `policyTypes: [Egress]`, and allow DNS egress to kube-dns explicitly; or give the baseline admin policy\'s deny `networks: ["0.0.0.0/0", "::/0"]` beside `namespaces: {}`.',
    failStatus: 'fail',
    frameworks: [{ framework: 'Kubernetes docs', id: 'Default deny all egress traffic' }],
    references: [`${K8S_NETPOL_DOCS}#default-deny-all-egress-traffic`],
  },
  {
    id: 'NETPOL-006',
    title: 'No policy re-opens all traffic',
    scope: 'namespace',
    passes:
      'No policy has a rule that allows all sources or destinations: an empty rule, a peer selecting every pod in every namespace, or 0.0.0.0/0 or ::/0 without exceptions.',
    rationale:
      'An allow-all rule undoes a default deny for the pods it selects; the namespace looks isolated and is not.',
    remediation:
      'Narrow the rule to the namespaces, pods, CIDRs and ports that need access.',
    failStatus: 'warning',
    frameworks: [{ framework: 'Hygiene', id: 'permissive-policy' }],
    references: [`${K8S_NETPOL_DOCS}#allow-all-ingress-traffic`],
  },
  {
    // Scope `entity`: read from the catalog's relations, not from a namespace alone.
    id: 'NETPOL-007',
    title: 'Declared dependencies are not blocked',
    scope: 'entity',
    passes:
      'Every connection the catalog declares for the entity (spec.dependsOn, consumesApis and providesApis, the components of a system it depends on, and cluster DNS) is allowed by the policies of both ends, on every cluster where both ends run.',
    rationale:
      'A policy that denies a declared dependency breaks the service, or will when it is applied. Owners hesitate to isolate a namespace when they cannot tell what it would cut; the catalog already says which components talk to which, so a blocked declared connection is a finding of its own. The reverse view, sources that can reach the workloads although the catalog declares nothing, is shown beside it.',
    remediation:
      'Allow the declared connection on both sides: ingress on the destination from the source namespace and pods, egress on the source to the destination, on the ports the destination declares. The Fix offers the least-privilege set for the namespace (on the ports the containers declare or their Services target), verified as it would be once applied: every declared connection kept, nothing undeclared let in from outside the namespace, the namespace controls passing. It names the existing policies it replaces (those that let other namespaces or outside addresses in, or re-open all traffic) and what they let in today: NetworkPolicies only add allowances, so a set applied beside them would isolate nothing. If the relation is wrong, correct the catalog instead.',
    failStatus: 'fail',
    frameworks: [{ framework: 'Catalog', id: 'declared-dependency' }],
    references: [
      'https://backstage.io/docs/features/software-catalog/descriptor-format#spec-varies',
      K8S_NETPOL_DOCS,
    ],
  },
];

/** @public */
export function getControl(id: string): ControlDefinition | undefined {
  return CONTROLS.find(c => c.id === id);
}

/** @public */
export const NAMESPACE_CONTROL_IDS: readonly ControlId[] = CONTROLS.filter(
  c => c.scope === 'namespace',
).map(c => c.id);
