import type { PolicyRef } from '@netpol/plugin-netpol-compliance-common';

/** Policy names for a sentence; a kind is named unless it is a NetworkPolicy. */
export function policyNames(policies: PolicyRef[]): string {
  return policies.length
    ? policies
        .map(p => (p.kind === 'NetworkPolicy' ? p.name : `${p.kind} ${p.name}`))
        .join(', ')
    : '';
}
