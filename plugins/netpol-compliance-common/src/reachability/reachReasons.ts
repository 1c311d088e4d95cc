/**
 * Why the per-workload reach summary says what it says, in the words of
 * `reach`: the deciding tier, policy and rule of one side, for one other
 * end (a source of another namespace, an address outside the cluster).
 * One short string per answer: the summary is stored with every workload.
 *
 * - allowed by a rule: `allowed by shop/allow-web ingress rule 1`;
 * - allowed because nothing isolates: `no policy isolates it for ingress
 *   (default allow)`;
 * - denied by a rule: `denied by AdminNetworkPolicy deny-to-db ingress
 *   rule 2 "deny-client" (admin tier), before shop/allow-web`;
 * - denied because isolated: `isolated by shop/default-deny; no rule
 *   allows it`.
 */
import type { PodShape } from '../engine/clusterIndex';
import { isEmptyPortSet, portsIntersect } from '../semantics/ports';
import type { ModelRule } from '../policyModel/types';
import { podOnlyDenies } from '../policyModel/podOnlyDenies';
import {
  egressAllowance,
  ingressAllowance,
  RemoteEnd,
  SideAllowance,
} from './directionRules';

/** @public */
export interface ReachReasons {
  fromOtherNamespaces: string;
  fromOutsideCluster: string;
}

const TIERS = { admin: ' (admin tier)', namespace: '', baseline: ' (baseline tier)' };

/** `AdminNetworkPolicy deny-to-db ingress rule 2 "deny-client" (admin tier)`; no tier when `tier` is absent. */
function ruleText(
  label: string,
  rule: ModelRule & { name?: string },
  tier?: keyof typeof TIERS,
): string {
  return `${label} ${rule.direction} rule ${rule.index}${
    rule.name ? ` "${rule.name}"` : ''
  }${tier ? TIERS[tier] : ''}`;
}

/** What decided one side, on any port. */
export function sideReason(side: SideAllowance, direction: 'ingress' | 'egress'): string {
  if (!isEmptyPortSet(side.allowed)) {
    const by = side.allows.find(a => a.rule);
    if (by) return `allowed by ${ruleText(by.policy.label, by.rule!, by.policy.tier)}`;
    return side.isolated
      ? 'no rule decides it (default allow)'
      : `no policy isolates it for ${direction} (default allow)`;
  }
  const deny = side.denies[0];
  if (deny) {
    const later = [...side.allows, ...side.overridden]
      .filter(a => a.policy !== deny.policy)
      .map(a => a.policy.label);
    return `denied by ${ruleText(deny.policy.label, deny.rule, deny.policy.tier)}${
      later.length ? `, before ${[...new Set(later)].join(', ')}` : ''
    }`;
  }
  return `isolated by ${side.isolating.map(p => p.label).join(', ')}; no rule allows it`;
}

/** A far address, matched by no rule naming particular addresses. */
const FAR = '198.51.100.7';

/**
 * Why some address outside the cluster can (or cannot) connect: `ip`, an
 * address the target admits when there is one.
 */
export function outsideReason(target: PodShape, ip: string | undefined): string {
  const side = ingressAllowance(target, { kind: 'ip', ip: ip ?? FAR });
  const reason = sideReason(side, 'ingress');
  if (isEmptyPortSet(side.allowed)) return reason;
  // An admin or baseline deny of every pod that outside sources pass by.
  const podOnly = podOnlyDenies(target.model, target, 'ingress')
    .map(d => `${ruleText(d.policy.label, d.rule)} names pods only`)
    .join('; ');
  return podOnly ? `${reason}; ${podOnly}` : reason;
}

/**
 * Why pods of other namespaces can (or cannot) connect: `source`, one that
 * can when there is one, else an example (the first pod of another
 * namespace), whose denial is explained on the side that denies.
 */
export function otherNamespacesReason(
  target: PodShape,
  source: PodShape | undefined,
): string {
  if (!source) return 'no pod runs in another namespace';
  const remote: RemoteEnd = { kind: 'pod', shape: source };
  const ingress = ingressAllowance(target, remote);
  const from = `from ${source.namespace}`;
  if (isEmptyPortSet(ingress.allowed)) return `${from}: ${sideReason(ingress, 'ingress')}`;
  const egress = egressAllowance(source, { kind: 'pod', shape: target });
  if (isEmptyPortSet(egress.allowed))
    return `${from}: the sender's egress is ${sideReason(egress, 'egress')}`;
  if (!portsIntersect(egress.allowed, ingress.allowed))
    return `${from}: its egress and this workload's ingress allow no port in common`;
  return `${from}: ${sideReason(ingress, 'ingress')}`;
}
