import {
  ENFORCER_CONFIGMAP_LOCATIONS,
  type EnforcerConfigMapLocation,
  type SnapshotResource,
} from '@netpol/plugin-netpol-compliance-common';

/** A collection the scan lists, and how its items are tagged for the snapshot. */
export interface ListedResource {
  /** The snapshot resource this list feeds; its failure makes that data missing. */
  resource: SnapshotResource;
  path: string;
  kind: string;
  apiVersion: string;
  /**
   * Only listed when discovery (`GET /apis`) says the cluster serves this API
   * group (`cilium.io`) or group version (`policy.networking.k8s.io/v1alpha2`):
   * these are CRDs, and a cluster without them is normal, not an error.
   */
  requiresGroup?: string;
}

/**
 * What a scan reads: list verbs on these, cluster-wide. `deploy/rbac.yaml`
 * grants exactly these and nothing more.
 */
export const LISTED_RESOURCES: readonly ListedResource[] = [
  { resource: 'namespaces', path: '/api/v1/namespaces', kind: 'Namespace', apiVersion: 'v1' },
  {
    resource: 'networkpolicies',
    path: '/apis/networking.k8s.io/v1/networkpolicies',
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
  },
  { resource: 'pods', path: '/api/v1/pods', kind: 'Pod', apiVersion: 'v1' },
  { resource: 'controllers', path: '/apis/apps/v1/deployments', kind: 'Deployment', apiVersion: 'apps/v1' },
  { resource: 'controllers', path: '/apis/apps/v1/replicasets', kind: 'ReplicaSet', apiVersion: 'apps/v1' },
  { resource: 'controllers', path: '/apis/apps/v1/statefulsets', kind: 'StatefulSet', apiVersion: 'apps/v1' },
  { resource: 'controllers', path: '/apis/apps/v1/daemonsets', kind: 'DaemonSet', apiVersion: 'apps/v1' },
  { resource: 'controllers', path: '/apis/batch/v1/jobs', kind: 'Job', apiVersion: 'batch/v1' },
  { resource: 'controllers', path: '/apis/batch/v1/cronjobs', kind: 'CronJob', apiVersion: 'batch/v1' },
  // Selectors and ports only (least-privilege fixes allow the ports a Service targets); a cluster has few.
  { resource: 'services', path: '/api/v1/services', kind: 'Service', apiVersion: 'v1' },
  {
    resource: 'otherpolicies',
    path: '/apis/cilium.io/v2/ciliumnetworkpolicies',
    kind: 'CiliumNetworkPolicy',
    apiVersion: 'cilium.io/v2',
    requiresGroup: 'cilium.io',
  },
  {
    resource: 'otherpolicies',
    path: '/apis/cilium.io/v2/ciliumclusterwidenetworkpolicies',
    kind: 'CiliumClusterwideNetworkPolicy',
    apiVersion: 'cilium.io/v2',
    requiresGroup: 'cilium.io',
  },
  {
    resource: 'otherpolicies',
    path: '/apis/projectcalico.org/v3/networkpolicies',
    kind: 'NetworkPolicy',
    apiVersion: 'projectcalico.org/v3',
    requiresGroup: 'projectcalico.org',
  },
  {
    resource: 'otherpolicies',
    path: '/apis/projectcalico.org/v3/globalnetworkpolicies',
    kind: 'GlobalNetworkPolicy',
    apiVersion: 'projectcalico.org/v3',
    requiresGroup: 'projectcalico.org',
  },
  // The network-policy API (kubernetes-sigs/network-policy-api): a cluster
  // may serve v1alpha1, v1alpha2, both or neither, so each needs its version.
  {
    resource: 'adminpolicies',
    path: '/apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies',
    kind: 'AdminNetworkPolicy',
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    requiresGroup: 'policy.networking.k8s.io/v1alpha1',
  },
  {
    resource: 'adminpolicies',
    path: '/apis/policy.networking.k8s.io/v1alpha1/baselineadminnetworkpolicies',
    kind: 'BaselineAdminNetworkPolicy',
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    requiresGroup: 'policy.networking.k8s.io/v1alpha1',
  },
  {
    resource: 'adminpolicies',
    path: '/apis/policy.networking.k8s.io/v1alpha2/clusternetworkpolicies',
    kind: 'ClusterNetworkPolicy',
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    requiresGroup: 'policy.networking.k8s.io/v1alpha2',
  },
];

/**
 * ConfigMaps read by name for enforcer detection, each in the namespaces its
 * enforcer installs into: the common package's one list (also used by the
 * CLI's manifest reader and checked against `deploy/rbac.yaml`). The scan
 * never reads any other ConfigMap. They are listed with a name field
 * selector rather than fetched, so an absent one is an empty list, not a 404
 * that the kubernetes backend would log as a failed proxy call on every scan.
 */
export const ENFORCER_CONFIGMAPS: readonly EnforcerConfigMapLocation[] =
  ENFORCER_CONFIGMAP_LOCATIONS;
