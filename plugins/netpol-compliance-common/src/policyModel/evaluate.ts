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
import { isolatesPod, orderedRules } from './tierOrder';
import { isIsolated } from './strangers';

function ruleMatches(rule: ModelRule, remote: ModelRemote): boolean {
  return rule.allPeers || rule.peers.some(p => p.matches(remote));
}

interface TierOutcome {
  allowed: PortSet;
  denied: PortSet;
  /** Ports no rule decided, plus the passed ones: for the next tier. */
  next: PortSet;
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
