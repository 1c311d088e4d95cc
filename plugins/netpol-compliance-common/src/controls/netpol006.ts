/**
 * NETPOL-006: no policy re-opens everything. A rule is flagged when it
 * admits every source (ingress) or destination (egress) in one of these
 * ways:
 * - an empty rule, or one without `from`/`to`: all peers;
 * - a peer with `namespaceSelector: {}`: pods of every namespace (with
 *   `podSelector: {}` or none: every pod of the cluster; with a
 *   podSelector: any pod carrying those labels, in any namespace,
 *   including namespaces created later);
 * - `ipBlock` 0.0.0.0/0 or ::/0 without `except`: every address.
 * A rule restricted to some ports is still flagged (the note gives the
 * ports): "all destinations on TCP/443" is the whole internet on 443.
 * Only the directions the policy isolates count: rules of other
 * directions have no effect. The outcome is a warning, not a failure.
 */
import type { ControlResult, RuleEvidence } from '../report';
import type { CompiledPolicy, CompiledRule } from '../semantics/compilePolicy';
import { ipBlockIsEverything } from '../semantics/ipBlock';
import { describeCompiledPorts } from '../semantics/ports';
import { missingReason } from '../engine/missingData';
import { NamespaceContext, plural } from './context';

function portsSuffix(rule: CompiledRule): string {
  return rule.ports.all ? '' : ` on ${describeCompiledPorts(rule.ports)}`;
}

/** The allow-all rules and peers of one policy. */
export function allowAllRules(policy: CompiledPolicy): RuleEvidence[] {
  const out: RuleEvidence[] = [];
  const rules: CompiledRule[] = [...policy.ingress, ...policy.egress];
  for (const rule of rules) {
    const everyone =
      rule.direction === 'ingress' ? 'all sources' : 'all destinations';
    const base = {
      policy: { ...policy.ref },
      direction: rule.direction,
      rule: rule.index,
    };
    const prefix = `${policy.id}: ${rule.direction} rule ${rule.index}`;
    if (rule.allPeers) {
      out.push({
        ...base,
        text: `${prefix} allows ${everyone}${portsSuffix(rule)}`,
      });
      continue;
    }
    rule.peers.forEach((peer, i) => {
      const at = `${prefix} peer ${i + 1}`;
      if (
        peer.type === 'pods' &&
        peer.valid &&
        peer.namespaceSelector?.selectsAll
      ) {
        const text = peer.podSelector.selectsAll
          ? `${at} allows every pod in every namespace${portsSuffix(rule)}`
          : `${at} allows pods ${
              peer.podSelectorText
            } in every namespace${portsSuffix(rule)}`;
        out.push({ ...base, peer: i + 1, text });
      } else if (peer.type === 'ipBlock' && ipBlockIsEverything(peer.block)) {
        const family = peer.block.cidr![0].kind() === 'ipv4' ? 'IPv4' : 'IPv6';
        out.push({
          ...base,
          peer: i + 1,
          text: `${at} allows every ${family} address (${
            peer.block.text
          })${portsSuffix(rule)}`,
        });
      }
    });
  }
  return out;
}

export function evaluateNetpol006(ctx: NamespaceContext): ControlResult {
  const rules = ctx.policies.flatMap(allowAllRules);
  if (rules.length) {
    const offenders = new Map<string, CompiledPolicy>();
    for (const p of ctx.policies)
      if (rules.some(r => r.policy.name === p.name)) offenders.set(p.id, p);
    return {
      control: 'NETPOL-006',
      status: 'warning',
      reason: `${plural(
        offenders.size,
        'policy re-opens',
        'policies re-open',
      )} traffic to everyone: ${rules.map(r => r.text).join('; ')}`,
      evidence: {
        policies: [...offenders.values()].map(p => ({ ...p.ref })),
        notes: rules.map(r => r.text),
        rules,
      },
    };
  }
  const gap = ctx.missing('networkpolicies');
  if (gap) {
    return {
      control: 'NETPOL-006',
      status: 'unknown',
      reason: `No allow-all rule found so far, but ${missingReason(gap)}`,
      evidence: {},
    };
  }
  if (ctx.policies.length === 0) {
    return {
      control: 'NETPOL-006',
      status: 'not-applicable',
      reason: 'No NetworkPolicy in the namespace: there is no rule to check',
      evidence: { policies: [] },
    };
  }
  return {
    control: 'NETPOL-006',
    status: 'pass',
    reason: `None of the ${plural(
      ctx.policies.length,
      'NetworkPolicy',
      'NetworkPolicies',
    )} has an allow-all rule`,
    evidence: { policies: [] },
  };
}
