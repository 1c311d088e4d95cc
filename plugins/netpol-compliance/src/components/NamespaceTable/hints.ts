/** Why a result can be unknown, and what to check. */
export const UNKNOWN_HINT =
  "The scan could not read the data this control needs (access forbidden, a time-out, or the cluster unreachable), so it reports neither pass nor fail. Check the cluster's credentials in the kubernetes configuration, and that the plugin may list namespaces, pods, networkpolicies, daemonsets and configmaps (RBAC).";

export function clusterErrorHint(cluster: string): string {
  return `The scan could not read cluster ${cluster}, so its results are unknown. Check the cluster's credentials (kubernetes.clusterLocatorMethods in app-config) and the RBAC of the account the plugin reads with, then rescan.`;
}
