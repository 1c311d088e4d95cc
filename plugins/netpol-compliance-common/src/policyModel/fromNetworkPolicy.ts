/**
 * A Kubernetes NetworkPolicy in the policy model: namespace tier, order
 * 1000 (where Calico puts converted NetworkPolicies), allow rules only,
 * isolating the directions of its policyTypes. Semantics stay those of
 * `semantics/`: this file only adapts them.
 */
import type { CompiledPolicy, CompiledRule } from '../semantics/compilePolicy';
import { peerMatchesIp, peerMatchesPod } from '../semantics/peers';
import type { CompiledPeer } from '../semantics/peers';
import { ipBlockIsEverything } from '../semantics/ipBlock';
import type { CompiledIpBlock } from '../semantics/ipBlock';
import { describeCompiledPorts, resolvePorts } from '../semantics/ports';
import type {
  ModelContext,
  ModelPeer,
  ModelPolicy,
  ModelRule,
} from './types';

/** A NetworkPolicy's model keeps its compiled form for the fast paths. */
export interface NetworkPolicyModel extends ModelPolicy {
  compiled: CompiledPolicy;
}

function peerEveryone(
  peer: CompiledPeer,
  ctx: ModelContext,
): string | undefined {
  if (peer.type === 'ipBlock' && ipBlockIsEverything(peer.block)) {
    const family = peer.block.cidr![0].kind() === 'ipv4' ? 'IPv4' : 'IPv6';
    return `every ${family} address (${peer.block.text})`;
  }
  if (peer.type !== 'pods' || !peer.valid || !peer.namespaceSelector)
    return undefined;
  const sel = peer.namespaceSelector;
  if (!sel.selectsAll && !ctx.everyNamespace(l => sel.matches(l), sel.key))
    return undefined;
  return peer.podSelector.selectsAll
    ? 'every pod in every namespace'
    : `pods ${peer.podSelectorText} in every namespace`;
}

function modelPeer(
  peer: CompiledPeer,
  namespace: string,
  ctx: ModelContext,
): ModelPeer {
  return {
    text: peer.text,
    matches: remote =>
      remote.kind === 'pod'
        ? peerMatchesPod(peer, namespace, remote.pod.podView)
        : peerMatchesIp(peer, remote.ip),
    everyone: () => peerEveryone(peer, ctx),
  };
}

/** A rule that can never allow anything (all its peers or all its ports invalid). */
export function ruleAllowsNothing(rule: CompiledRule): boolean {
  const noPeer = !rule.allPeers && rule.peers.every(p => !p.valid);
  const noPort = !rule.ports.all && rule.ports.entries.every(e => !e.valid);
  return noPeer || noPort;
}

function modelRule(
  rule: CompiledRule,
  namespace: string,
  ctx: ModelContext,
): ModelRule {
  const blocks: CompiledIpBlock[] = [];
  for (const p of rule.peers) if (p.type === 'ipBlock') blocks.push(p.block);
  return {
    direction: rule.direction,
    index: rule.index,
    action: 'allow',
    allPeers: rule.allPeers,
    peers: rule.peers.map(p => modelPeer(p, namespace, ctx)),
    allPorts: rule.ports.all,
    ports: destination => resolvePorts(rule.ports, destination),
    portsText: describeCompiledPorts(rule.ports),
    ...(ruleAllowsNothing(rule) ? { inert: true } : {}),
    ...(blocks.length ? { addressBlocks: blocks } : {}),
  };
}

export function networkPolicyModel(
  policy: CompiledPolicy,
  ctx: ModelContext,
): NetworkPolicyModel {
  return {
    id: `NetworkPolicy ${policy.id}`,
    label: policy.id,
    ref: policy.ref,
    tier: 'namespace',
    order: 1000,
    namespace: policy.namespace,
    selects: pod =>
      pod.namespace === policy.namespace &&
      policy.podSelector.matchesKeyed(pod.labels, pod.podView.labelsKey),
    isolates: {
      ingress: policy.isolatesIngress,
      egress: policy.isolatesEgress,
    },
    rules: {
      ingress: policy.ingress.map(r => modelRule(r, policy.namespace, ctx)),
      egress: policy.egress.map(r => modelRule(r, policy.namespace, ctx)),
    },
    problems: policy.problems,
    compiled: policy,
  };
}
