/**
 * Default deny, by meaning, for any kind: a policy denies a pod's traffic
 * in a direction by default when it selects the pod, and:
 * - namespace tier: isolates the direction and none of its rules that
 *   apply to the pod can allow or pass anything before an all-peers,
 *   all-ports Deny (NetworkPolicy with no rule or only inert rules, Cilium
 *   `ingress: [{}]`, Calico `types` with no rules or a leading Deny);
 * - admin or baseline tier: its first rule (Log aside) denies every peer
 *   on every port.
 * A policy that also allows something (DNS, one client) is not a default
 * deny itself; NETPOL-004/005 pass when every pod has one. A namespace-tier
 * Pass rule for the pod voids the tier's default deny (the traffic goes on
 * to the baseline tier). Tiers are read in order: an admin rule that
 * allows every peer on every port opens the pod whatever the namespace's
 * own default deny says, and a baseline deny counts only for traffic the
 * namespace tier leaves to it (no namespace policy isolates the pod, or a
 * Pass hands it over).
 */
import {
  deniesAll,
  isolatesPod,
  orderedRules,
  strangerVerdict,
} from './evaluate';
import type {
  ModelDirection,
  ModelPod,
  ModelPolicy,
  ModelPolicySet,
  ModelRule,
} from './types';

function canMatch(rule: ModelRule): boolean {
  return !rule.inert && (rule.allPeers || rule.peers.length > 0);
}

export function deniesByDefault(
  policy: ModelPolicy,
  pod: ModelPod,
  direction: ModelDirection,
): boolean {
  const all = policy.rules[direction];
  const rules = policy.appliesTo
    ? all.filter(r => policy.appliesTo!(r, pod))
    : all;
  if (policy.tier === 'namespace') {
    if (!isolatesPod(policy, pod, direction)) return false;
    // Cilium deny rules (`first`) apply before the others: a deny-all among them decides.
    if (rules.some(r => r.first && deniesAll(r))) return true;
    for (const rule of rules) {
      if (rule.action === 'log' || !canMatch(rule)) continue;
      if (deniesAll(rule)) return true;
      if (rule.action === 'allow' || rule.action === 'pass') return false;
    }
    return true;
  }
  for (const rule of rules) {
    if (rule.action === 'log') continue;
    return deniesAll(rule);
  }
  return false;
}

/**
 * A Pass rule of the namespace tier (Calico) that applies to the pod and
 * comes before any deny-all hands traffic to the baseline tier before the
 * end-of-tier deny: no policy of that tier denies by default then.
 */
function namespaceTierPasses(
  pod: ModelPod,
  set: ModelPolicySet,
  direction: ModelDirection,
): boolean {
  // Most policies have no Pass rule at all: skip the ordering then.
  if (!set.namespace.some(p => p.rules[direction].some(r => r.action === 'pass')))
    return false;
  for (const { rule } of orderedRules(set.namespace, direction, pod)) {
    if (rule.action === 'log' || !canMatch(rule)) continue;
    if (deniesAll(rule)) return false;
    if (rule.action === 'pass') return true;
  }
  return false;
}

/**
 * The policies that deny `pod`'s traffic in a direction by default, in the
 * tiers that traffic from an unnamed peer reaches. Empty when an admin
 * rule allows every peer on every port first.
 */
export function defaultDeniers(
  pod: ModelPod,
  set: ModelPolicySet,
  direction: ModelDirection,
): ModelPolicy[] {
  if (strangerVerdict(set.admin, pod, direction)?.action === 'allow') return [];
  const passes = namespaceTierPasses(pod, set, direction);
  const namespaceDecides =
    !passes && set.namespace.some(p => isolatesPod(p, pod, direction));
  return [
    ...set.admin,
    ...(passes ? [] : set.namespace),
    ...(namespaceDecides ? [] : set.baseline),
  ].filter(p => deniesByDefault(p, pod, direction));
}
