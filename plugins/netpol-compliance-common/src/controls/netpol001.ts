/**
 * NETPOL-001: the namespace has at least one policy: a Kubernetes
 * NetworkPolicy in it, or a Cilium/Calico policy that applies to it
 * (namespaced in it, or cluster-wide and selecting its pods). Presence
 * only: what the policies allow is for the other controls.
 *
 * This is the CIS reading (5.3.2), which asks for policies the namespace
 * owns. The cluster-scoped admin policies of the network-policy API
 * (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy)
 * selecting the namespace's pods are listed as evidence; they count only
 * when the platform team says so (`countAdminPolicies`), and their effect
 * is measured by NETPOL-003 to NETPOL-005 in any case.
 *
 * Policies found are certain, so a failed read elsewhere never turns a
 * pass into unknown; without any policy found, a failed read of a kind
 * that could count gives `unknown`.
 */
import type { ControlResult, PolicyRef } from '../report';
import type { ModelPolicy } from '../policyModel/types';
import { missingReason } from '../engine/missingData';
import { byOrder } from '../policyModel/tierOrder';
import type { SnapshotResource } from '../snapshot/types';
import { listText, NamespaceContext, plural, refsOf } from './context';

/** @public */
export interface Netpol001Options {
  /** Count admin and baseline policies selecting the namespace (default false: the CIS reading). */
  countAdminPolicies?: boolean;
}

const TIER_NAMES = { admin: 'Admin tier', baseline: 'Baseline tier' };

/** The admin and baseline policies selecting the namespace, in evaluation order. */
function adminPoliciesOf(ctx: NamespaceContext): ModelPolicy[] {
  const tier = (p: ModelPolicy) => (p.tier === 'admin' ? 0 : 1);
  return ctx.modelPolicies
    .filter(p => p.tier !== 'namespace')
    .sort((a, b) => tier(a) - tier(b) || byOrder(a, b));
}

/** `BaselineAdminNetworkPolicy default (Baseline tier)`, `... (Admin tier, priority 10)`. */
function describeAdmin(p: ModelPolicy): string {
  const tier = TIER_NAMES[p.tier as 'admin' | 'baseline'];
  const priority =
    p.ref.kind === 'BaselineAdminNetworkPolicy' ? '' : `, priority ${p.order}`;
  return `${p.label} (${tier}${priority})`;
}

function adminNote(admins: ModelPolicy[], counted: boolean): string {
  return `${plural(
    admins.length,
    'cluster admin policy selects',
    'cluster admin policies select',
  )} pods of this namespace: ${admins.map(describeAdmin).join(', ')}${
    counted
      ? ' (counted: countAdminPolicies is on)'
      : ' (not counted by the CIS reading; turn on countAdminPolicies to count them)'
  }`;
}

function namespacePass(
  ctx: NamespaceContext,
  admins: ModelPolicy[],
  counted: boolean,
): ControlResult | undefined {
  const k8s = refsOf(ctx.policies);
  const others = refsOf(ctx.otherPolicies);
  const policies = [...k8s, ...others];
  if (policies.length === 0) return undefined;
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
    evidence: {
      policies,
      ...(admins.length ? { notes: [adminNote(admins, counted)] } : {}),
    },
  };
}

export function evaluateNetpol001(
  ctx: NamespaceContext,
  options: Netpol001Options = {},
): ControlResult {
  const counted = !!options.countAdminPolicies;
  const admins = adminPoliciesOf(ctx);
  const own = namespacePass(ctx, admins, counted);
  if (own) return own;
  const adminRefs: PolicyRef[] = refsOf(admins);
  if (counted && admins.length) {
    return {
      control: 'NETPOL-001',
      status: 'pass',
      reason: `No policy of its own, but ${plural(
        admins.length,
        'cluster admin policy selects',
        'cluster admin policies select',
      )} its pods and count by configuration: ${listText(
        admins.map(describeAdmin),
      )}`,
      evidence: { policies: adminRefs, notes: [adminNote(admins, true)] },
    };
  }
  const reads: SnapshotResource[] = ['networkpolicies', 'otherpolicies'];
  if (counted) reads.push('adminpolicies');
  const gap = ctx.missing(...reads);
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
    reason: admins.length
      ? `No NetworkPolicy (nor Cilium or Calico policy) in or for the namespace. ${adminNote(
          admins,
          false,
        )}: NETPOL-003 to NETPOL-005 show the isolation they give`
      : 'No NetworkPolicy (nor Cilium or Calico policy) applies to the namespace: all traffic to and from its pods is allowed',
    evidence: {
      policies: [],
      ...(admins.length ? { notes: [adminNote(admins, false)] } : {}),
    },
  };
}
