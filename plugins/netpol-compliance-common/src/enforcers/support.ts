/** Short-hands for the network-policy API support a detector reports. */
import type { AdminPolicyApiSupport, ApiSupport } from './types';

/** ANP and BANP (v1alpha1) with `v1alpha1`, ClusterNetworkPolicy with `v1alpha2`. */
export function apiSupport(
  v1alpha1: ApiSupport,
  v1alpha2: ApiSupport,
  detail: string,
): AdminPolicyApiSupport {
  return {
    AdminNetworkPolicy: v1alpha1,
    BaselineAdminNetworkPolicy: v1alpha1,
    ClusterNetworkPolicy: v1alpha2,
    detail,
  };
}

/** A plugin that enforces NetworkPolicy but none of the network-policy API kinds. */
export function noApiSupport(plugin: string): AdminPolicyApiSupport {
  return apiSupport(
    'no',
    'no',
    `${plugin} does not implement AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy`,
  );
}
