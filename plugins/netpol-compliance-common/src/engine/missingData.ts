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

/** Human name of each resource for reasons (a Record: a new resource cannot go unnamed). */
const RESOURCE_LABELS: Record<SnapshotResource, string> = {
  namespaces: 'Namespaces',
  pods: 'Pods',
  controllers: 'workload controllers (Deployments, DaemonSets...)',
  networkpolicies: 'NetworkPolicies',
  otherpolicies: 'Cilium/Calico policies',
  adminpolicies:
    'cluster admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy)',
  configmaps: 'ConfigMaps',
  services: 'Services',
};

export function resourceLabel(resource: SnapshotResource): string {
  return RESOURCE_LABELS[resource];
}

export function missingReason(m: MissingData): string {
  return `${resourceLabel(m.resource)} could not be read${
    m.namespace ? ` in ${m.namespace}` : ''
  }: ${m.reason}`;
}
