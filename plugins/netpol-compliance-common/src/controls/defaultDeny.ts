/**
 * NETPOL-004 / NETPOL-005: a default-deny policy for a direction.
 *
 * A default deny is a Kubernetes NetworkPolicy whose podSelector selects
 * every pod (`{}` or absent), which isolates the direction (policyTypes,
 * as defaulted) and whose rules for that direction allow nothing: no rule
 * at all, or only rules whose peers or ports are all invalid. A policy
 * with an empty podSelector and an allow-all rule is the opposite of a
 * default deny; the reason says so when one is found.
 *
 * Cilium and Calico default denies are not recognised here (their rule
 * languages differ); a note says when such policies apply.
 */
import type { ControlId } from '../controls';
import type { ControlResult } from '../report';
import type { CompiledPolicy, CompiledRule } from '../semantics/compilePolicy';
import { missingReason } from '../engine/missingData';
import type { Direction } from '../semantics/policyTypes';
import { NamespaceContext, refsOf } from './context';

/** A rule that can never allow anything (all its peers or all its ports invalid). */
function ruleAllowsNothing(rule: CompiledRule): boolean {
  const noPeer = !rule.allPeers && rule.peers.every(p => !p.valid);
  const noPort = !rule.ports.all && rule.ports.entries.every(e => !e.valid);
  return noPeer || noPort;
}

export function isDefaultDeny(
  policy: CompiledPolicy,
  direction: Direction,
): boolean {
  if (!policy.podSelector.valid || !policy.podSelector.selectsAll) return false;
  const isolates =
    direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress;
  if (!isolates) return false;
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  return rules.every(ruleAllowsNothing);
}

export function evaluateDefaultDeny(
  ctx: NamespaceContext,
  direction: Direction,
): ControlResult {
  const control: ControlId =
    direction === 'ingress' ? 'NETPOL-004' : 'NETPOL-005';
  const Dir = direction === 'ingress' ? 'Ingress' : 'Egress';
  const denies = ctx.policies.filter(p => isDefaultDeny(p, direction));
  if (denies.length) {
    return {
      control,
      status: 'pass',
      reason: `${denies.map(p => p.id).join(', ')} select${
        denies.length === 1 ? 's' : ''
      } every pod for ${Dir} and allow${
        denies.length === 1 ? 's' : ''
      } nothing: ${direction} is denied unless another policy allows it`,
      evidence: { policies: refsOf(denies) },
    };
  }
  const gap = ctx.missing('networkpolicies');
  if (gap) {
    return {
      control,
      status: 'unknown',
      reason: `No default-deny ${direction} policy found so far, but ${missingReason(
        gap,
      )}`,
      evidence: {},
    };
  }
  const notes: string[] = [];
  const near = ctx.policies.filter(p => {
    const isolates =
      direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress;
    return isolates && p.podSelector.valid && p.podSelector.selectsAll;
  });
  for (const p of near) {
    notes.push(
      `${p.id} selects every pod for ${Dir} but its ${direction} rules allow traffic, so it is not a default deny`,
    );
  }
  for (const p of ctx.policies) {
    if (!p.podSelector.valid)
      notes.push(`${p.id} has an invalid podSelector and selects nothing`);
  }
  if (ctx.otherPolicies.length) {
    notes.push(
      `${ctx.otherPolicies.map(p => `${p.kind} ${p.id}`).join(', ')} also appl${
        ctx.otherPolicies.length === 1 ? 'ies' : 'y'
      }; this control recognises Kubernetes NetworkPolicies only`,
    );
  }
  return {
    control,
    status: 'fail',
    reason: `No NetworkPolicy selects every pod for ${Dir} without allowing traffic: new and unselected pods accept all ${direction}`,
    evidence: { policies: refsOf(near), ...(notes.length ? { notes } : {}) },
  };
}
