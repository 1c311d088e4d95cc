/**
 * The cluster-scoped policies of the Kubernetes network-policy API
 * (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy),
 * compiled into the policy model: tier `admin` or `baseline`, `order` =
 * priority. The index and every control read whatever this returns.
 *
 * Owned by the admin-policies work (issue 11); until it lands, none.
 */
import type { ClusterSnapshot } from '../snapshot';
import type { ModelPolicy } from '../policyModel/types';

export function clusterScopedPolicies(_snapshot: ClusterSnapshot): ModelPolicy[] {
  return [];
}
