/**
 * The resource table: every kind the demo cluster can serve, with the
 * coordinates the real API server uses for it (group, version, plural,
 * scope). Routing, discovery, error messages and the store all read this one
 * table, so adding a kind here is enough to serve it everywhere.
 */

/** One served resource type, as it appears in API discovery. */
export interface ResourceType {
  /** API group; `''` for the core group (served under `/api/v1`). */
  group: string;
  version: string;
  kind: string;
  /** The URL segment, e.g. `pods`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  /**
   * Served only when the data holds at least one object of the same group,
   * the way a CRD-provided API only exists on clusters that installed it.
   */
  optional?: boolean;
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    namespaced: true,
    shortNames: ['po'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    namespaced: true,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    namespaced: true,
    shortNames: ['svc'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    singular: 'networkpolicy',
    namespaced: true,
    shortNames: ['netpol'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    singular: 'daemonset',
    namespaced: true,
    shortNames: ['ds'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    namespaced: true,
    shortNames: ['deploy'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    singular: 'replicaset',
    namespaced: true,
    shortNames: ['rs'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    singular: 'statefulset',
    namespaced: true,
    shortNames: ['sts'],
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    plural: 'jobs',
    singular: 'job',
    namespaced: true,
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'CronJob',
    plural: 'cronjobs',
    singular: 'cronjob',
    namespaced: true,
    shortNames: ['cj'],
  },
  {
    group: 'cilium.io',
    version: 'v2',
    kind: 'CiliumNetworkPolicy',
    plural: 'ciliumnetworkpolicies',
    singular: 'ciliumnetworkpolicy',
    namespaced: true,
    shortNames: ['cnp', 'ciliumnp'],
    optional: true,
  },
  {
    group: 'cilium.io',
    version: 'v2',
    kind: 'CiliumClusterwideNetworkPolicy',
    plural: 'ciliumclusterwidenetworkpolicies',
    singular: 'ciliumclusterwidenetworkpolicy',
    namespaced: false,
    shortNames: ['ccnp'],
    optional: true,
  },
  {
    group: 'projectcalico.org',
    version: 'v3',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    singular: 'networkpolicy',
    namespaced: true,
    shortNames: ['cnp', 'caliconetworkpolicy'],
    optional: true,
  },
  {
    group: 'projectcalico.org',
    version: 'v3',
    kind: 'GlobalNetworkPolicy',
    plural: 'globalnetworkpolicies',
    singular: 'globalnetworkpolicy',
    namespaced: false,
    shortNames: ['gnp'],
    optional: true,
  },
  // The network-policy API (kubernetes-sigs/network-policy-api) CRDs.
  {
    group: 'policy.networking.k8s.io',
    version: 'v1alpha1',
    kind: 'AdminNetworkPolicy',
    plural: 'adminnetworkpolicies',
    singular: 'adminnetworkpolicy',
    namespaced: false,
    shortNames: ['anp'],
    optional: true,
  },
  {
    group: 'policy.networking.k8s.io',
    version: 'v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    plural: 'baselineadminnetworkpolicies',
    singular: 'baselineadminnetworkpolicy',
    namespaced: false,
    shortNames: ['banp'],
    optional: true,
  },
  {
    group: 'policy.networking.k8s.io',
    version: 'v1alpha2',
    kind: 'ClusterNetworkPolicy',
    plural: 'clusternetworkpolicies',
    singular: 'clusternetworkpolicy',
    namespaced: false,
    optional: true,
  },
];

/** `v1` for the core group, `apps/v1` otherwise: the manifests' `apiVersion`. */
export function groupVersionOf(
  rt: Pick<ResourceType, 'group' | 'version'>,
): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** A unique id for a resource type, e.g. `apps/v1/deployments`, `v1/pods`. */
export function resourceId(rt: ResourceType): string {
  return `${groupVersionOf(rt)}/${rt.plural}`;
}

/**
 * The resource name the API server uses in messages: `pods` for the core
 * group, `deployments.apps` for others (as in `deployments.apps "x" not found`).
 */
export function qualifiedResource(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

const byGroupVersionKind = new Map<string, ResourceType>(
  RESOURCE_TYPES.map(rt => [`${groupVersionOf(rt)}|${rt.kind}`, rt]),
);

/** The resource type of a manifest by its `apiVersion` and `kind`, if served. */
export function findResourceType(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  return byGroupVersionKind.get(`${apiVersion}|${kind}`);
}

/** The resource type behind a URL segment, e.g. (`apps`, `v1`, `deployments`). */
export function findResourceByPlural(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    rt => rt.group === group && rt.version === version && rt.plural === plural,
  );
}
