/**
 * Which reads failed. A failure recorded without a namespace covers the
 * whole cluster; with one, only that namespace. The controls ask before
 * concluding and answer `unknown` rather than pass or fail on partial data.
 */
import type { MissingData, SnapshotResource } from '../snapshot/types';

export type MissingLookup = (
  resource: SnapshotResource,
  namespace?: string,
) => MissingData | undefined;

export function missingLookup(
  missing: MissingData[] | undefined,
): MissingLookup {
  const global = new Map<string, MissingData>();
  const perNamespace = new Map<string, MissingData>();
  for (const m of missing ?? []) {
    if (m.namespace) {
      const key = `${m.resource}\u0000${m.namespace}`;
      if (!perNamespace.has(key)) perNamespace.set(key, m);
    } else if (!global.has(m.resource)) {
      global.set(m.resource, m);
    }
  }
  return (resource, namespace) =>
    global.get(resource) ??
    (namespace !== undefined
      ? perNamespace.get(`${resource}\u0000${namespace}`)
      : undefined);
}

/** Human name of a resource for reasons. */
export function resourceLabel(resource: SnapshotResource): string {
  switch (resource) {
    case 'networkpolicies':
      return 'NetworkPolicies';
    case 'otherpolicies':
      return 'Cilium/Calico policies';
    case 'adminpolicies':
      return 'cluster admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy)';
    case 'controllers':
      return 'workload controllers (Deployments, DaemonSets...)';
    case 'configmaps':
      return 'ConfigMaps';
    case 'pods':
      return 'Pods';
    case 'services':
      return 'Services';
    default:
      return 'Namespaces';
  }
}

export function missingReason(m: MissingData): string {
  return `${resourceLabel(m.resource)} could not be read${
    m.namespace ? ` in ${m.namespace}` : ''
  }: ${m.reason}`;
}
