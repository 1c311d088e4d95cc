/**
 * Decides one side of a connection (a pod's ingress from a remote, or its
 * egress toward one) from the model policies that select the pod, tier by
 * tier, over sets of ports:
 *
 * 1. admin: policies by priority, rules in order; the first rule matching
 *    a port decides it (allow, deny) or hands it over (pass).
 * 2. namespace: the ports no admin rule decided, and the passed ones.
 *    Rules marked `first` (Cilium deny) go before the others; then the
 *    policies by order (Calico `order`; NetworkPolicy and Cilium at 1000,
 *    where Calico puts converted NetworkPolicies), rules in order, first
 *    match: Allow, Deny, Pass (to the baseline tier), Log (goes on). When a
 *    policy of this tier isolates the pod for the direction, what no rule
 *    matched is denied. With allow rules only (NetworkPolicy, Cilium
 *    without deny) first match is exactly the union of the allow rules.
 * 3. baseline: first match, like admin; what no rule matched is allowed.
 */
import type { ContainerPortSnapshot } from '../snapshot/types';
import { compareText } from '../semantics/compareText';
import {
  ALL_PORTS,
  intersectPorts,
  isEmptyPortSet,
  NO_PORTS,
  PortSet,
  subtractPorts,
  unionPorts,
} from '../semantics/ports';
import type {
  ModelDecision,
  ModelDirection,
  ModelPolicy,
  ModelPod,
  ModelPolicySet,
  ModelRemote,
  ModelRule,
  ModelStep,
} from './types';

/** Sorts policies of one tier: by order, then by id. */
export function byOrder(a: ModelPolicy, b: ModelPolicy): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return compareText(a.id, b.id);
}

function ruleMatches(rule: ModelRule, remote: ModelRemote): boolean {
  return rule.allPeers || rule.peers.some(p => p.matches(remote));
}

interface TierOutcome {
  allowed: PortSet;
  denied: PortSet;
  /** Ports no rule decided, plus the passed ones: for the next tier. */
  next: PortSet;
}

/** The rules of a tier that apply to `subject`, in evaluation order. */
export function orderedRules(
  policies: ModelPolicy[],
  direction: ModelDirection,
  subject: ModelPod,
): Array<{ policy: ModelPolicy; rule: ModelRule }> {
  const first: Array<{ policy: ModelPolicy; rule: ModelRule }> = [];
  const rest: Array<{ policy: ModelPolicy; rule: ModelRule }> = [];
  for (const policy of policies) {
    for (const rule of policy.rules[direction]) {
      if (policy.appliesTo && !policy.appliesTo(rule, subject)) continue;
      (rule.first ? first : rest).push({ policy, rule });
    }
  }
  return first.length ? [...first, ...rest] : rest;
}

function evaluateTier(
  policies: ModelPolicy[],
  direction: ModelDirection,
  subject: ModelPod,
  remote: ModelRemote,
  destinationPorts: ContainerPortSnapshot[] | undefined,
  entering: PortSet,
  isolates: boolean,
  out: ModelDecision,
): TierOutcome {
  let remaining = entering;
  let allowed: PortSet = NO_PORTS;
  let denied: PortSet = NO_PORTS;
  let passed: PortSet = NO_PORTS;
  // What reached this tier and was not denied or passed yet: an allow rule
  // is credited with all of it, so that two policies allowing the same
  // port are both named (the union reading of NetworkPolicy).
  let creditable = entering;
  const credit = new Map<ModelPolicy, { ports: PortSet; rule: ModelRule }>();
  for (const { policy, rule } of orderedRules(policies, direction, subject)) {
    if (isEmptyPortSet(remaining) && isEmptyPortSet(creditable)) break;
    if (!ruleMatches(rule, remote)) continue;
    const rulePorts = rule.ports(destinationPorts);
    const decided = intersectPorts(rulePorts, remaining);
    if (rule.action === 'allow') {
      // Allowing a port twice changes nothing: only denies and passes are
      // taken out, so that allow-only tiers read as the plain union.
      const mine = intersectPorts(rulePorts, creditable);
      if (!isEmptyPortSet(mine)) {
        const before = credit.get(policy);
        credit.set(policy, {
          ports: before ? unionPorts(before.ports, mine) : mine,
          rule: before?.rule ?? rule,
        });
        allowed = unionPorts(allowed, mine);
      }
    }
    if (isEmptyPortSet(decided) || rule.action === 'log') continue;
    const step: ModelStep = { policy, rule, ports: decided };
    if (rule.action === 'allow') {
      // Counted above.
    } else if (rule.action === 'deny') {
      denied = unionPorts(denied, decided);
      creditable = subtractPorts(creditable, decided);
      out.denies.push(step);
    } else {
      passed = unionPorts(passed, decided);
      creditable = subtractPorts(creditable, decided);
      out.passes.push(step);
    }
    remaining = subtractPorts(remaining, decided);
  }
  for (const [policy, { ports, rule }] of credit)
    out.allows.push({ policy, ports, rule });
  if (isolates) {
    denied = unionPorts(denied, remaining);
    remaining = NO_PORTS;
  }
  return { allowed, denied, next: unionPorts(remaining, passed) };
}

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

/** Whether a namespace-tier policy selecting `pod` isolates it. */
export function isolatesPod(
  policy: ModelPolicy,
  pod: ModelPod,
  direction: ModelDirection,
): boolean {
  return policy.isolatesPod
    ? policy.isolatesPod(pod, direction)
    : policy.isolates[direction];
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

/**
 * Decides one side: `set` are the policies selecting `subject` (each tier
 * sorted with `byOrder`), `remote` the other end. Named ports are
 * resolved on the destination: `subject` for ingress, the remote pod for
 * egress (none for an address).
 */
export function evaluateDirection(
  set: ModelPolicySet,
  direction: ModelDirection,
  subject: ModelPod,
  remote: ModelRemote,
): ModelDecision {
  // Named ports resolve on the destination; an IP has none.
  let destinationPorts: ContainerPortSnapshot[] | undefined = subject.ports;
  if (direction === 'egress')
    destinationPorts = remote.kind === 'pod' ? remote.pod.ports : undefined;
  const isolating = set.namespace.filter(p => isolatesPod(p, subject, direction));
  const out: ModelDecision = {
    allowed: NO_PORTS,
    isolated: isIsolated(set, subject, direction),
    isolating,
    allows: [],
    denies: [],
    passes: [],
    overridden: [],
  };
  let open: PortSet = ALL_PORTS;
  let allowed: PortSet = NO_PORTS;
  const tiers: Array<[ModelPolicy[], boolean]> = [
    [set.admin, false],
    [set.namespace, isolating.length > 0],
    [set.baseline, false],
  ];
  for (const [policies, isolates] of tiers) {
    if (policies.length === 0) continue;
    if (isEmptyPortSet(open)) {
      // Decided already: what this tier would have allowed, for the explanation.
      if (out.denies.length) {
        const scratch: ModelDecision = { ...out, allows: [], denies: [], passes: [] };
        evaluateTier(policies, direction, subject, remote, destinationPorts, ALL_PORTS, isolates, scratch);
        out.overridden.push(...scratch.allows);
      }
      continue;
    }
    const tier = evaluateTier(
      policies,
      direction,
      subject,
      remote,
      destinationPorts,
      open,
      isolates,
      out,
    );
    allowed = unionPorts(allowed, tier.allowed);
    open = tier.next;
  }
  // Default allow for what no tier decided.
  out.allowed = unionPorts(allowed, open);
  return out;
}

/** No policy of any tier selects the pod. */
export function emptyPolicySet(): ModelPolicySet {
  return { admin: [], namespace: [], baseline: [] };
}
