/**
 * Traffic from (or to) a peer no rule names in particular, tier by tier:
 * what isolates a pod, and the rules that decide for such peers. Read by
 * the evaluation (`isolated`), the controls and the reach summary.
 */
import { isolatesPod, orderedRules } from './tierOrder';
import type {
  ModelDirection,
  ModelPod,
  ModelPolicy,
  ModelPolicySet,
  ModelRule,
} from './types';

/**
 * A stranger: a peer no rule names in particular, of one of two kinds,
 * since the network-policy API's peers tell pods apart from addresses:
 * - `outside`: an address outside the cluster (a node's host-network
 *   traffic, a load balancer, an external client), matched only by a rule
 *   for every peer;
 * - `pod`: a pod of the cluster, matched as well by a rule naming every pod
 *   of every namespace (`namespaces: {}`).
 */
export type Stranger = 'outside' | 'pod';

/** A rule matching every stranger of that kind, on every port. */
export function coversStranger(
  rule: ModelRule,
  stranger: Stranger = 'outside',
): boolean {
  return (
    !rule.inert &&
    rule.allPorts &&
    (rule.allPeers || (stranger === 'pod' && !!rule.everyPodOnly))
  );
}

/** A Deny for every stranger of that kind (by default, every peer), on every port. */
export function deniesAll(
  rule: ModelRule,
  stranger: Stranger = 'outside',
): boolean {
  return rule.action === 'deny' && coversStranger(rule, stranger);
}

/**
 * What a tier does with traffic from a stranger: the first rule (in
 * evaluation order, Log aside) that covers every stranger of that kind on
 * every port decides it. In the admin and baseline tiers, a Deny there
 * isolates the pod (the rules before it are exceptions, as allow rules
 * beside a default deny are); an Allow opens it whatever the namespace's
 * own policies say; a Pass hands it to the next tier. Undefined when no
 * such rule exists: the next tier decides.
 */
export function strangerVerdict(
  policies: ModelPolicy[],
  pod: ModelPod,
  direction: ModelDirection,
  stranger: Stranger = 'outside',
): { action: 'allow' | 'deny' | 'pass'; policy: ModelPolicy } | undefined {
  for (const { policy, rule } of orderedRules(policies, direction, pod)) {
    if (rule.action === 'log' || !coversStranger(rule, stranger)) continue;
    return { action: rule.action, policy };
  }
  return undefined;
}

/** Whether the rule may match some stranger of that kind (pod peers never match an address). */
export function mayMatchStranger(rule: ModelRule, stranger: Stranger): boolean {
  if (rule.inert || (!rule.allPeers && rule.peers.length === 0)) return false;
  return !(stranger === 'outside' && rule.podPeersOnly);
}

/**
 * An admin or baseline tier for strangers of one kind, its rules in order
 * across its policies: the first rule covering them all decides
 * (`verdict`, from `rule` of `policy`); `passesSome`: a Pass rule that may match
 * some of them comes before, handing those to the next tier.
 */
export function walkTier(
  pod: ModelPod,
  policies: ModelPolicy[],
  direction: ModelDirection,
  stranger: Stranger,
): {
  verdict?: ModelRule['action'];
  policy?: ModelPolicy;
  rule?: ModelRule;
  passesSome: boolean;
} {
  let passesSome = false;
  for (const { policy, rule } of orderedRules(policies, direction, pod)) {
    if (rule.action === 'log' || !mayMatchStranger(rule, stranger)) continue;
    if (coversStranger(rule, stranger))
      return { verdict: rule.action, policy, rule, passesSome };
    if (rule.action === 'pass') passesSome = true;
  }
  return { passesSome };
}

/**
 * Whether the policies selecting a pod isolate it in a direction: traffic
 * from (or to) an address outside the cluster that no rule names is never
 * left to the default allow. Tiers in order: an admin rule covering every
 * peer decides first (Deny: isolated, unless a Pass before it handed some
 * on to tiers that do not isolate; Allow: open, whatever comes after),
 * then a namespace-tier policy isolating the direction (unless a rule of
 * that tier passes every peer first), then a baseline Deny covering every
 * peer. Every peer means every source or destination, outside the cluster
 * included: a rule naming every pod is not one.
 */
export function isIsolated(
  set: ModelPolicySet,
  pod: ModelPod,
  direction: ModelDirection,
): boolean {
  const admin = walkTier(pod, set.admin, direction, 'outside');
  if (admin.verdict === 'allow') return false;
  if (admin.verdict === 'deny' && !admin.passesSome) return true;
  // A namespace-tier Pass of every peer (Calico) hands it to the baseline.
  if (
    set.namespace.some(p => isolatesPod(p, pod, direction)) &&
    strangerVerdict(set.namespace, pod, direction)?.action !== 'pass'
  )
    return true;
  const baseline = walkTier(pod, set.baseline, direction, 'outside');
  return baseline.verdict === 'deny' && !baseline.passesSome;
}
