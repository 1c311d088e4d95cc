/**
 * NETPOL-001: the namespace has at least one policy: a Kubernetes
 * NetworkPolicy in it, or a Cilium/Calico policy that applies to it
 * (namespaced in it, or cluster-wide and selecting its pods). Presence
 * only: what the policies allow is for the other controls.
 *
 * Policies found are certain, so a failed read elsewhere never turns a
 * pass into unknown; without any policy found, a failed read of either
 * kind gives `unknown`.
 */
import type { ControlResult } from '../report';
import { missingReason } from '../engine/missingData';
import { NamespaceContext, plural, refsOf } from './context';

export function evaluateNetpol001(ctx: NamespaceContext): ControlResult {
  const k8s = refsOf(ctx.policies);
  const others = refsOf(ctx.otherPolicies);
  const policies = [...k8s, ...others];
  if (policies.length > 0) {
    const parts: string[] = [];
    if (k8s.length)
      parts.push(
        `${plural(
          k8s.length,
          'NetworkPolicy',
          'NetworkPolicies',
        )} in the namespace`,
      );
    if (others.length) {
      const kinds = [...new Set(others.map(o => o.kind))].join(', ');
      parts.push(
        `${plural(
          others.length,
          'policy',
          'policies',
        )} of other kinds (${kinds}) ${
          others.length === 1 ? 'applies' : 'apply'
        } to it`,
      );
    }
    return {
      control: 'NETPOL-001',
      status: 'pass',
      reason: parts.join('; '),
      evidence: { policies },
    };
  }
  const gap = ctx.missing('networkpolicies', 'otherpolicies');
  if (gap) {
    return {
      control: 'NETPOL-001',
      status: 'unknown',
      reason: `No policy found so far, but ${missingReason(gap)}`,
      evidence: { policies: [] },
    };
  }
  return {
    control: 'NETPOL-001',
    status: 'fail',
    reason:
      'No NetworkPolicy (nor Cilium or Calico policy) applies to the namespace: all traffic to and from its pods is allowed',
    evidence: { policies: [] },
  };
}
