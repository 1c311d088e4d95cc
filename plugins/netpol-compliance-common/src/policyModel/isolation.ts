/**
 * Default deny, by meaning, for any kind: a policy denies a pod's traffic
 * in a direction by default when it selects the pod, and:
 * - namespace tier: isolates the direction and none of its rules that
 *   apply to the pod can allow or pass anything before an all-peers,
 *   all-ports Deny (NetworkPolicy with no rule or only inert rules, Cilium
 *   `ingress: [{}]`, Calico `types` with no rules or a leading Deny);
 * - admin or baseline tier: a rule of it denies every peer on every port,
 *   and no Allow or Pass rule that can match comes before it (Deny rules
 *   for some peers may).
 * A policy that also allows something (DNS, one client) is not a default
 * deny itself; NETPOL-004/005 pass when every pod has one.
 *
 * Every peer means both kinds of stranger (strangers.ts): addresses outside
 * the cluster and pods of the cluster. The network-policy API's peers name
 * them apart (its ingress peers name pods only), so the two may be denied
 * by different policies (an admin Deny of every address after a Pass of
 * every pod, the pods then denied by the baseline): a pod is denied by
 * default when each kind is, and the policies that deny either are named.
 * For each kind, tiers are read in order: an admin rule that allows (or
 * passes) it on every port opens it (or hands it to the namespace tier)
 * whatever admin deny-alls come after; a namespace-tier Pass rule voids
 * that tier's default deny (the traffic goes on to the baseline tier); a
 * baseline deny counts only for traffic the namespace tier leaves to it
 * (no namespace policy isolates the pod, or a Pass hands it over).
 */
import { isolatesPod, orderedRules } from './tierOrder';
import {
  deniesAll,
  mayMatchStranger,
  Stranger,
  walkTier,
} from './strangers';
import type {
  ModelDirection,
  ModelPod,
  ModelPolicy,
  ModelPolicySet,
} from './types';

const canMatch = mayMatchStranger;

/** Whether `policy` alone denies `pod` the strangers of one kind by default. */
export function deniesByDefault(
  policy: ModelPolicy,
  pod: ModelPod,
  direction: ModelDirection,
  stranger: Stranger = 'outside',
): boolean {
  const all = policy.rules[direction];
  const rules = policy.appliesTo
    ? all.filter(r => policy.appliesTo!(r, pod))
    : all;
  if (policy.tier === 'namespace') {
    if (!isolatesPod(policy, pod, direction)) return false;
    // Cilium deny rules (`first`) apply before the others: a deny-all among them decides.
    if (rules.some(r => r.first && deniesAll(r, stranger))) return true;
    for (const rule of rules) {
      if (rule.action === 'log' || !canMatch(rule, stranger)) continue;
      if (deniesAll(rule, stranger)) return true;
      if (rule.action === 'allow' || rule.action === 'pass') return false;
    }
    return true;
  }
  // Admin and baseline: Deny rules for some peers may come first (they
  // allow nothing); an Allow or Pass that can match before the deny-all
  // lets traffic through (or hands it on), so the policy is no default deny.
  for (const rule of rules) {
    if (rule.action === 'log' || !canMatch(rule, stranger)) continue;
    if (deniesAll(rule, stranger)) return true;
    if (rule.action !== 'deny') return false;
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
  stranger: Stranger,
): boolean {
  // Most policies have no Pass rule at all: skip the ordering then.
  if (!set.namespace.some(p => p.rules[direction].some(r => r.action === 'pass')))
    return false;
  for (const { rule } of orderedRules(set.namespace, direction, pod)) {
    if (rule.action === 'log' || !canMatch(rule, stranger)) continue;
    if (deniesAll(rule, stranger)) return false;
    if (rule.action === 'pass') return true;
  }
  return false;
}

/**
 * The policy of an admin or baseline tier that denies strangers of one
 * kind by default: the tier's deciding rule is its Deny and the policy
 * allows nothing before it. `handedOn`: what a Pass before it handed on is
 * someone else's to deny.
 */
function tierDenier(
  pod: ModelPod,
  policies: ModelPolicy[],
  direction: ModelDirection,
  stranger: Stranger,
): { denier?: ModelPolicy; allows: boolean; handedOn: boolean } {
  const tier = walkTier(pod, policies, direction, stranger);
  const denies =
    tier.verdict === 'deny' &&
    deniesByDefault(tier.policy!, pod, direction, stranger);
  return {
    ...(denies ? { denier: tier.policy } : {}),
    allows: tier.verdict === 'allow',
    handedOn: tier.passesSome,
  };
}

/** The policies denying `pod` the strangers of one kind by default, in the tiers they reach. */
function strangerDeniers(
  pod: ModelPod,
  set: ModelPolicySet,
  direction: ModelDirection,
  stranger: Stranger,
): ModelPolicy[] {
  const admin = tierDenier(pod, set.admin, direction, stranger);
  if (admin.allows) return [];
  const passes = namespaceTierPasses(pod, set, direction, stranger);
  const namespaceDecides =
    !passes && set.namespace.some(p => isolatesPod(p, pod, direction));
  const later = passes
    ? []
    : set.namespace.filter(p => deniesByDefault(p, pod, direction, stranger));
  if (!namespaceDecides) {
    // Baseline Pass hands traffic to the default allow.
    const baseline = tierDenier(pod, set.baseline, direction, stranger);
    if (baseline.denier && !baseline.handedOn) later.push(baseline.denier);
  }
  if (!admin.denier) return later;
  // What an admin Pass handed on before the deny-all is the later tiers' to deny.
  if (admin.handedOn && later.length === 0) return [];
  return [admin.denier, ...later];
}

/**
 * The policies that deny `pod`'s traffic in a direction by default: those
 * denying addresses outside the cluster and those denying pods of the
 * cluster. Empty when either kind of stranger is not denied by default.
 */
export function defaultDeniers(
  pod: ModelPod,
  set: ModelPolicySet,
  direction: ModelDirection,
): ModelPolicy[] {
  const outside = strangerDeniers(pod, set, direction, 'outside');
  if (outside.length === 0) return [];
  const pods = strangerDeniers(pod, set, direction, 'pod');
  if (pods.length === 0) return [];
  return [...new Set([...outside, ...pods])];
}
