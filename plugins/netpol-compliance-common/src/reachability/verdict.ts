/**
 * One side's answer in words: which policies decided, on which ports. A
 * denial by an explicit deny rule (Cilium deny, Calico Deny, an admin
 * Deny) names the policy and rule that decided; a denial because the pod
 * is isolated and no rule allows names the isolating policies.
 */
import {
  describePortSet,
  isEmptyPortSet,
  PortSet,
  portSetContains,
} from '../semantics/ports';
import type { DirectionVerdict } from './types';
import type { SideAllowance } from './directionRules';
import type { ModelRule } from '../policyModel/types';

/** What the query asks about the port, once resolved on the destination. */
export type PortQuestion =
  | { kind: 'any' }
  | { kind: 'number'; protocol: string; port: number; name?: string }
  | { kind: 'unresolved'; protocol: string; name: string };

export function sideAllows(ports: PortSet, q: PortQuestion): boolean {
  switch (q.kind) {
    case 'any':
      return !isEmptyPortSet(ports);
    case 'number':
      return portSetContains(ports, q.protocol, q.port);
    default:
      return ports.all;
  }
}

export function portText(q: PortQuestion): string {
  if (q.kind === 'any') return 'any port';
  if (q.kind === 'number')
    return `${q.protocol}/${q.port}${q.name ? ` (${q.name})` : ''}`;
  return `${q.protocol}/${q.name}`;
}

/** The name a rule has in its policy (the network-policy API kinds name rules), quoted. */
function ruleName(rule: ModelRule & { name?: string }): string {
  return rule.name ? ` "${rule.name}"` : '';
}

const TIER_NAMES = {
  admin: 'admin tier',
  namespace: 'namespace tier',
  baseline: 'baseline tier',
};

export function verdict(
  side: SideAllowance | undefined,
  q: PortQuestion,
  direction: 'egress' | 'ingress',
  subject: string,
  other: string,
): DirectionVerdict {
  if (!side) {
    return {
      allowed: true,
      policies: [],
      isolated: false,
      reason: `${subject} is not a pod of the cluster: its ${direction} is not subject to NetworkPolicy`,
    };
  }
  const traffic =
    direction === 'egress' ? `traffic to ${other}` : `traffic from ${other}`;
  const allowed = sideAllows(side.allowed, q);
  const ports = describePortSet(side.allowed);
  if (allowed) {
    const deciding = side.allows
      .filter(b => sideAllows(b.ports, q))
      .map(b => b.policy.label);
    if (deciding.length === 0) {
      return {
        allowed,
        policies: [],
        isolated: side.isolated,
        ports,
        reason: side.otherKinds
          ? `no policy decides ${subject}'s ${direction} ${traffic} on ${portText(
              q,
            )}${
              side.isolated ? '' : ` (nothing isolates it for ${direction})`
            }: allowed by default`
          : `no NetworkPolicy selects ${subject} for ${direction}: all ${direction} is allowed`,
      };
    }
    return {
      allowed,
      policies: deciding,
      isolated: side.isolated,
      ports,
      reason: `${deciding.join(', ')} allow${
        deciding.length === 1 ? 's' : ''
      } ${traffic} on ${portText(q)}`,
    };
  }
  const deny = side.denies.find(d => sideAllows(d.ports, q));
  if (deny) {
    const later = [...side.allows, ...side.overridden]
      .filter(a => a.policy !== deny.policy && sideAllows(a.ports, q))
      .map(a => a.policy.label);
    return {
      allowed,
      policies: [deny.policy.label],
      isolated: side.isolated,
      ports,
      reason: `${traffic} on ${portText(q)} is denied by ${
        deny.policy.label
      } ${direction} rule ${deny.rule.index}${ruleName(deny.rule)} (${
        TIER_NAMES[deny.policy.tier]
      })${later.length ? `, before ${later.join(', ')}` : ''}`,
    };
  }
  const labels = side.isolating.map(p => p.label);
  return {
    allowed,
    policies: labels,
    isolated: true,
    ports,
    reason: `${subject} is isolated for ${direction} by ${labels.join(
      ', ',
    )} and no rule allows ${traffic} on ${portText(q)}`,
  };
}
