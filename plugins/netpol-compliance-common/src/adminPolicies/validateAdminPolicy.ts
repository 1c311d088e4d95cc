/**
 * Validation of AdminNetworkPolicy, BaselineAdminNetworkPolicy and
 * ClusterNetworkPolicy objects as their CRD schemas and the API server do.
 * Placeholder until the network-policy API kinds are implemented.
 */
export function validateAdminPolicy(_object: unknown): string[] {
  return [];
}
