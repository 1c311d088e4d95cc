/**
 * NETPOL-006: no policy re-opens everything. Every kind is read through
 * the policy model; an allow rule (namespace or admin tier) is flagged
 * when it admits every source (ingress) or destination (egress), by
 * meaning rather than by form:
 * - a rule with no peer restriction (an empty NetworkPolicy rule, a Cilium
 *   or Calico rule with ports only, a Calico Allow without source);
 * - a peer admitting every pod of every namespace: `namespaceSelector: {}`
 *   or any selector every namespace matches (`Exists` on
 *   `kubernetes.io/metadata.name`, `NotIn` a value no namespace has...),
 *   Cilium entities `all`/`cluster`, a Calico selector every pod matches;
 * - every address: `0.0.0.0/0`, `::/0`, entity `world`, or address blocks
 *   whose union is every address (`0.0.0.0/1` + `128.0.0.0/1`).
 * A rule restricted to some ports is still flagged (the note gives the
 * ports): "all destinations on TCP/443" is the whole internet on 443.
 * Only the directions a NetworkPolicy isolates count. Baseline rules are
 * not flagged: they only apply where nothing else decides. The outcome is
 * a warning, not a failure.
 */
import type { ControlResult, RuleEvidence } from '../report';
import { familiesCovered } from '../semantics/ipUnion';
import type { ModelPolicy, ModelRule } from '../policyModel/types';
import { missingReason } from '../engine/missingData';
import { NamespaceContext, plural } from './context';

function portsSuffix(rule: ModelRule): string {
  return rule.allPorts ? '' : ` on ${rule.portsText}`;
}

/** An admin-tier allow is final: say so, it is why it matters most. */
function tierSuffix(policy: ModelPolicy): string {
  return policy.tier === 'admin'
    ? " (admin tier: whatever the namespace's own policies say)"
    : '';
}

function ruleFindings(policy: ModelPolicy, rule: ModelRule): RuleEvidence[] {
  const everyone = rule.direction === 'ingress' ? 'all sources' : 'all destinations';
  const base = { policy: { ...policy.ref }, direction: rule.direction, rule: rule.index };
  const prefix = `${policy.label}: ${rule.direction} rule ${rule.index}`;
  const suffix = `${portsSuffix(rule)}${tierSuffix(policy)}`;
  if (rule.allPeers)
    return [{ ...base, text: `${prefix} allows ${everyone}${suffix}` }];
  const out: RuleEvidence[] = [];
  rule.peers.forEach((peer, i) => {
    const who = peer.everyone?.();
    if (who)
      out.push({ ...base, peer: i + 1, text: `${prefix} peer ${i + 1} allows ${who}${suffix}` });
  });
  // Blocks that each cover part of the space but together cover it all.
  const blocks = rule.addressBlocks ?? [];
  if (blocks.length > 0 && out.length === 0) {
    for (const family of familiesCovered(blocks)) {
      const valid = blocks.filter(b => b.valid).map(b => b.text);
      const texts = valid.length > 1 ? `together: ${valid.join(', ')}` : valid[0];
      out.push({ ...base, text: `${prefix} allows every ${family} address (${texts})${suffix}` });
    }
  }
  return out;
}

/** The allow-all rules and peers of one policy. */
export function allowAllRules(policy: ModelPolicy): RuleEvidence[] {
  if (policy.tier === 'baseline') return [];
  return [...policy.rules.ingress, ...policy.rules.egress]
    .filter(r => r.action === 'allow' && !r.inert)
    .flatMap(r => ruleFindings(policy, r));
}

export function evaluateNetpol006(ctx: NamespaceContext): ControlResult {
  const considered = ctx.modelPolicies.filter(p => p.tier !== 'baseline');
  const rules = considered.flatMap(allowAllRules);
  if (rules.length) {
    const offenders = considered.filter(p => rules.some(r => r.policy.name === p.ref.name && r.policy.kind === p.ref.kind && r.policy.namespace === p.ref.namespace));
    return {
      control: 'NETPOL-006',
      status: 'warning',
      reason: `${plural(offenders.length, 'policy re-opens', 'policies re-open')} traffic to everyone: ${rules.map(r => r.text).join('; ')}`,
      evidence: {
        policies: offenders.map(p => ({ ...p.ref })),
        notes: rules.map(r => r.text),
        rules,
      },
    };
  }
  const gap = ctx.missing('networkpolicies', 'otherpolicies', 'adminpolicies');
  if (gap) {
    return {
      control: 'NETPOL-006',
      status: 'unknown',
      reason: `No allow-all rule found so far, but ${missingReason(gap)}`,
      evidence: {},
    };
  }
  if (considered.length === 0) {
    const baseline = ctx.modelPolicies.filter(p => p.tier === 'baseline');
    return {
      control: 'NETPOL-006',
      status: 'not-applicable',
      reason: baseline.length
        ? `No NetworkPolicy, Cilium, Calico or admin-tier policy applies to the namespace; only ${baseline
            .map(p => p.label)
            .join(', ')} ${
            baseline.length === 1 ? 'applies' : 'apply'
          }, and a baseline Allow only allows what nothing else decides (traffic allowed anyway): there is no rule to check`
        : 'No NetworkPolicy in the namespace (nor other policy applying to it): there is no rule to check',
      evidence: { policies: baseline.map(p => ({ ...p.ref })) },
    };
  }
  const onlyNetpols = considered.every(p => p.ref.kind === 'NetworkPolicy');
  return {
    control: 'NETPOL-006',
    status: 'pass',
    reason: `None of the ${
      onlyNetpols
        ? plural(considered.length, 'NetworkPolicy', 'NetworkPolicies')
        : plural(considered.length, 'policy', 'policies')
    } has an allow-all rule`,
    evidence: { policies: [] },
  };
}
