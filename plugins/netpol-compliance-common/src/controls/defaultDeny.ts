/**
 * NETPOL-004 / NETPOL-005: a default deny for a direction, of any kind and
 * tier: every pod of the namespace, and every pod to come (whatever its
 * labels: policyModel/everyPod.ts), has a policy that denies that
 * direction by default (policyModel/isolation.ts):
 * a NetworkPolicy selecting every pod with no rule for the direction, a
 * Cilium rule with an empty section (`ingress: [{}]`), a Calico policy
 * with `types` and no rules or a leading Deny, a baseline deny-all of
 * every source or destination... A policy that selects every pod but
 * allows traffic is not one; the reason says so when one is found. An
 * admin or baseline Deny from every pod is not one either: the
 * network-policy API's ingress peers cannot name sources outside the
 * cluster (egress needs `networks` covering every address), so those stay
 * allowed, as `reach` says; the reason says what to add.
 */
import type { ControlId } from './catalog';
import type { ControlResult } from '../report';
import type { CompiledPolicy } from '../semantics/compilePolicy';
import { missingReason } from '../engine/missingData';
import type { Direction } from '../semantics/policyTypes';
import type { ModelPolicy } from '../policyModel/types';
import { defaultDeniers } from '../policyModel/isolation';
import type { ModelPod, ModelPolicySet } from '../policyModel/types';
import { gapText, OpenItem, partialGaps } from './defaultDenyGaps';
import { byOrder, isolatesPod } from '../policyModel/tierOrder';
import { NetworkPolicyModel } from '../policyModel/fromNetworkPolicy';
import { listText, NamespaceContext } from './context';

/** For a NetworkPolicy alone: selects every pod, isolates, allows nothing. */
export function isDefaultDeny(
  policy: CompiledPolicy,
  direction: Direction,
): boolean {
  if (!policy.podSelector.valid || !policy.podSelector.selectsAll) return false;
  const isolates =
    direction === 'ingress' ? policy.isolatesIngress : policy.isolatesEgress;
  if (!isolates) return false;
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  return rules.every(r => {
    const noPeer = !r.allPeers && r.peers.every(p => !p.valid);
    const noPort = !r.ports.all && r.ports.entries.every(e => !e.valid);
    return noPeer || noPort;
  });
}

/** Why the policies that apply are not default denies (`explained`: said already). */
function failNotes(ctx: NamespaceContext, direction: Direction, explained: Set<ModelPolicy>): string[] {
  const Dir = direction === 'ingress' ? 'Ingress' : 'Egress';
  const notes: string[] = [];
  for (const p of ctx.policies) {
    const isolates = direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress;
    if (isolates && p.podSelector.valid && p.podSelector.selectsAll && !isDefaultDeny(p, direction))
      notes.push(`${p.id} selects every pod for ${Dir} but its ${direction} rules allow traffic, so it is not a default deny`);
  }
  for (const p of ctx.policies) {
    if (!p.podSelector.valid)
      notes.push(`${p.id} has an invalid podSelector and selects nothing`);
  }
  for (const m of ctx.modelPolicies) {
    if ((m as NetworkPolicyModel).compiled || explained.has(m)) continue;
    const isolating = m.tier === 'namespace' && [ctx.probe, ...ctx.shapes].some(s => m.selects(s) && isolatesPod(m, s, direction));
    notes.push(
      isolating
        ? `${m.label} also applies and isolates ${direction}, but its rules allow traffic or do not cover every pod, so it is not a default deny`
        : `${m.label} also applies but does not deny ${direction} by default`,
    );
  }
  return notes;
}

function policySet(policies: ModelPolicy[]): ModelPolicySet {
  const of = (tier: ModelPolicy['tier']) =>
    policies.filter(p => p.tier === tier).sort(byOrder);
  return { admin: of('admin'), namespace: of('namespace'), baseline: of('baseline') };
}

export function evaluateDefaultDeny(
  ctx: NamespaceContext,
  direction: Direction,
): ControlResult {
  const control: ControlId = direction === 'ingress' ? 'NETPOL-004' : 'NETPOL-005';
  const deniers = new Set<ModelPolicy>();
  const open: OpenItem[] = [];
  const check = (label: string, shape: ModelPod, set: ModelPolicySet) => {
    const found = defaultDeniers(shape, set, direction);
    found.forEach(p => deniers.add(p));
    if (found.length === 0) open.push({ label, shape, set });
    return found;
  };
  // Pods to come: only the policies selecting every pod, whatever its labels, cover them.
  const everyPod = ctx.policiesForEveryPod();
  const forEveryPod = check('new pods', ctx.probe, policySet(everyPod));
  for (const w of ctx.workloads)
    for (const s of w.workload.shapes) check(w.workload.id, s, s.model);
  if (open.length === 0)
    return passResult(control, direction, [...deniers], forEveryPod);
  const gap = ctx.missing('networkpolicies', 'otherpolicies', 'adminpolicies');
  if (gap) {
    return {
      control,
      status: 'unknown',
      reason: `No default-deny ${direction} policy found so far, but ${missingReason(gap)}`,
      evidence: {},
    };
  }
  return failResult(ctx, control, direction, open, deniers);
}

function passResult(
  control: ControlId,
  direction: Direction,
  deniers: ModelPolicy[],
  forEveryPod: ModelPolicy[],
): ControlResult {
  const Dir = direction === 'ingress' ? 'Ingress' : 'Egress';
  const n = forEveryPod.length;
  const some = deniers.filter(p => !forEveryPod.includes(p));
  return {
    control,
    status: 'pass',
    reason: `${forEveryPod.map(p => p.label).join(', ')} select${n === 1 ? 's' : ''} every pod for ${Dir} and allow${n === 1 ? 's' : ''} nothing${
      some.length ? ` (and ${some.map(p => p.label).join(', ')} for some pods)` : ''
    }: ${direction} is denied unless another policy allows it`,
    evidence: { policies: deniers.map(p => ({ ...p.ref })) },
  };
}

function failResult(
  ctx: NamespaceContext,
  control: ControlId,
  direction: Direction,
  open: OpenItem[],
  deniers: Set<ModelPolicy>,
): ControlResult {
  const Dir = direction === 'ingress' ? 'Ingress' : 'Egress';
  const gaps = partialGaps(open, direction);
  const named = [...deniers, ...gaps.policies];
  const notes = failNotes(ctx, direction, new Set(named));
  const near = ctx.policies.filter(p => {
    const isolates = direction === 'ingress' ? p.isolatesIngress : p.isolatesEgress;
    return isolates && p.podSelector.valid && p.podSelector.selectsAll;
  });
  const uncovered = [...new Set(open.map(o => o.label))];
  return {
    control,
    status: 'fail',
    reason: `No policy denies ${Dir} by default for ${listText(uncovered)}: ${gapText(gaps, direction)}`,
    evidence: {
      policies: [
        ...near.map(p => ({ ...p.ref })),
        ...[...new Set(named)].map(p => ({ ...p.ref })),
      ],
      ...(notes.length ? { notes } : {}),
    },
  };
}
