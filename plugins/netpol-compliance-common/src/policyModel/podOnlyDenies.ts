/**
 * Admin and baseline denies that look like a deny-all and are not: a rule
 * of the network-policy API kinds that denies every pod of every namespace
 * (`from: [{namespaces: {}}]`) leaves every source outside the cluster
 * allowed, because their ingress peers cannot name one (a node's
 * host-network traffic, a load balancer, an external address); an egress
 * deny needs `networks` covering 0.0.0.0/0 and ::/0 as well. NETPOL-003 to
 * NETPOL-005 and `reach` say so when such a rule is why a pod looks
 * protected and is not.
 */
import { orderedRules } from './tierOrder';
import { walkTier } from './strangers';
import type {
  ModelDirection,
  ModelPod,
  ModelPolicy,
  ModelPolicySet,
  ModelRule,
} from './types';

export interface PodOnlyDeny {
  policy: ModelPolicy;
  rule: ModelRule;
}

/**
 * The admin and baseline rules that, for traffic from (or to) a peer no
 * earlier rule names, would deny every pod but not what lies outside the
 * cluster: in each tier, the first rule (Log aside) covering every pod on
 * every port, when it is such a Deny.
 */
export function podOnlyDenies(
  set: ModelPolicySet,
  pod: ModelPod,
  direction: ModelDirection,
): PodOnlyDeny[] {
  const out: PodOnlyDeny[] = [];
  for (const tier of [set.admin, set.baseline]) {
    for (const { policy, rule } of orderedRules(tier, direction, pod)) {
      if (rule.action === 'log' || rule.inert || !rule.allPorts) continue;
      if (rule.allPeers) break;
      if (!rule.everyPodOnly) continue;
      if (rule.action === 'deny') out.push({ policy, rule });
      break;
    }
  }
  return out;
}

/** What such a deny leaves open, and what to add. */
export function podOnlyDenyText(
  policies: ModelPolicy[],
  direction: ModelDirection,
): string {
  const names = policies.map(p => p.label).join(', ');
  const verb = policies.length === 1 ? 'denies' : 'deny';
  if (direction === 'ingress') {
    return `${names} ${verb} ingress from every pod of the cluster, but the network-policy API's ingress peers cannot name sources outside the cluster (nodes' host-network traffic, load balancers, external addresses), so those are still allowed: add a NetworkPolicy default deny (podSelector: {}, policyTypes: [Ingress])`;
  }
  return `${names} ${verb} egress to every pod of the cluster, but not to every address outside it: add networks 0.0.0.0/0 and ::/0 to the rule, or a NetworkPolicy default deny (podSelector: {}, policyTypes: [Egress])`;
}

/**
 * The admin policy whose rule allows every pod of the cluster before any
 * deny of them: those pods get in (or out) whatever the namespace's own
 * policies say, default deny included. `everyone`: the rule allows every
 * address outside the cluster too.
 */
export function adminOpensPods(
  set: ModelPolicySet,
  pod: ModelPod,
  direction: ModelDirection,
): { policy: ModelPolicy; everyone: boolean } | undefined {
  const tier = walkTier(pod, set.admin, direction, 'pod');
  return tier.verdict === 'allow'
    ? { policy: tier.policy!, everyone: tier.rule!.allPeers }
    : undefined;
}

/** What such admin Allows leave of a default deny. */
export function adminOpensPodsText(
  opened: Array<{ policy: ModelPolicy; everyone: boolean }>,
  direction: ModelDirection,
): string {
  const names = [...new Set(opened.map(o => o.policy.label))].join(', ');
  const everyone = opened.every(o => o.everyone);
  const what = everyone
    ? `all ${direction}`
    : `${direction === 'ingress' ? 'ingress from' : 'egress to'} every pod of the cluster`;
  return `${names} ${opened.length === 1 ? 'allows' : 'allow'} ${what} in the admin tier, whatever the namespace's own policies say`;
}

/** The distinct policies of some denies, in order of first appearance. */
export function podOnlyPolicies(denies: PodOnlyDeny[]): ModelPolicy[] {
  return [...new Set(denies.map(d => d.policy))];
}

/** For `reach`, when an address outside the cluster gets through such a deny. */
export function podOnlyReachNote(
  denies: PodOnlyDeny[],
  direction: ModelDirection,
): string | undefined {
  if (denies.length === 0) return undefined;
  const rules = denies
    .map(
      d =>
        `${d.policy.label} ${direction} rule ${d.rule.index}${
          (d.rule as { name?: string }).name
            ? ` "${(d.rule as { name?: string }).name}"`
            : ''
        }`,
    )
    .join(', ');
  return direction === 'ingress'
    ? `${rules} denies every pod, but the network-policy API's ingress peers cannot name sources outside the cluster`
    : `${rules} denies every pod, but its networks do not cover every address outside the cluster`;
}
