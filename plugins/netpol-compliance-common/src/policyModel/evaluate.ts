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
  const credit = new Map<ModelPolicy, PortSet>();
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
        credit.set(policy, unionPorts(credit.get(policy) ?? NO_PORTS, mine));
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
  for (const [policy, ports] of credit) out.allows.push({ policy, ports });
  if (isolates) {
    denied = unionPorts(denied, remaining);
    remaining = NO_PORTS;
  }
  return { allowed, denied, next: unionPorts(remaining, passed) };
}

/** A Deny for every peer its kind can name, on every port. */
export function deniesAll(rule: ModelRule): boolean {
  return (
    rule.action === 'deny' &&
    (rule.allPeers || !!rule.coversEveryPeer) &&
    rule.allPorts
  );
}

/** A rule that names every peer its kind can name, on every port. */
function coversEveryone(rule: ModelRule): boolean {
  return (
    !rule.inert && (rule.allPeers || !!rule.coversEveryPeer) && rule.allPorts
  );
}

/**
 * What an admin or baseline tier does with traffic from a peer that no
 * rule names in particular: the first rule (in evaluation order, Log
 * aside) that covers every peer on every port decides it. A Deny there
 * isolates the pod (the rules before it are exceptions, as allow rules
 * beside a default deny are); an Allow opens it whatever the namespace's
 * own policies say; a Pass hands it to the namespace tier. Undefined when
 * no such rule exists: the next tier decides.
 */
export function strangerVerdict(
  policies: ModelPolicy[],
  pod: ModelPod,
  direction: ModelDirection,
): { action: 'allow' | 'deny' | 'pass'; policy: ModelPolicy } | undefined {
  for (const { policy, rule } of orderedRules(policies, direction, pod)) {
    if (rule.action === 'log' || !coversEveryone(rule)) continue;
    return { action: rule.action, policy };
  }
  return undefined;
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
 * Whether the policies selecting a pod isolate it in a direction, tiers in
 * order: an admin rule covering every peer decides first (Deny: isolated;
 * Allow: open, whatever comes after), then a namespace-tier policy
 * isolating the direction, then a baseline Deny covering every peer.
 */
export function isIsolated(
  set: ModelPolicySet,
  pod: ModelPod,
  direction: ModelDirection,
): boolean {
  const admin = strangerVerdict(set.admin, pod, direction);
  if (admin && admin.action !== 'pass') return admin.action === 'deny';
  if (set.namespace.some(p => isolatesPod(p, pod, direction))) return true;
  return strangerVerdict(set.baseline, pod, direction)?.action === 'deny';
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
