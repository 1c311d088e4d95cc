import type { PodShape } from '../engine/clusterIndex';
import type { CompiledPolicy } from '../semantics/compilePolicy';
import { peerMatchesPod } from '../semantics/peers';
import type { KeyedSelector } from '../selectors/labelSelector';
import {
  ALL_PORTS,
  NO_PORTS,
  PortSet,
  resolvePorts,
  unionPorts,
} from '../semantics/ports';

/**
 * The source side of the reach search: a namespace's pod shapes grouped by
 * their set of egress policies. Pods with the same egress policies reach
 * the same destinations, so the search walks groups, not pods.
 */
export interface EgressGroup {
  namespace: string;
  policies: CompiledPolicy[];
  shapes: PodShape[];
  open: boolean;
  podSelectorHits: Map<string, boolean>;
  /** Some egress rule allows every destination. */
  everywhere: boolean;
  /** namespaceSelectors of its egress peers (pods of other namespaces it may reach). */
  namespaceSelectors: KeyedSelector[];
}

/** Groups one namespace's shapes by their egress policies; a group without any is open. */
export function groupByEgress(
  namespace: string,
  shapes: PodShape[],
): EgressGroup[] {
  const bySignature = new Map<string, EgressGroup>();
  for (const shape of shapes) {
    const signature = shape.egressPolicies.map(p => p.name).join('\u0000');
    let group = bySignature.get(signature);
    if (!group) {
      group = {
        namespace,
        policies: shape.egressPolicies,
        shapes: [],
        open: shape.egressPolicies.length === 0,
        podSelectorHits: new Map(),
        everywhere: false,
        namespaceSelectors: [],
      };
      bySignature.set(signature, group);
    }
    group.shapes.push(shape);
  }
  return [...bySignature.values()];
}

/**
 * Fills an isolated group's `everywhere` and `namespaceSelectors` from its
 * egress rules: where its pods may point outside their namespace.
 */
export function describeEgress(group: EgressGroup): void {
  const seen = new Set<string>();
  for (const policy of group.policies) {
    for (const rule of policy.egress) {
      if (rule.allPeers) {
        group.everywhere = true;
        continue;
      }
      for (const peer of rule.peers) {
        if (peer.type !== 'pods' || !peer.valid || !peer.namespaceSelector)
          continue;
        if (seen.has(peer.namespaceSelector.key)) continue;
        seen.add(peer.namespaceSelector.key);
        group.namespaceSelectors.push(peer.namespaceSelector);
      }
    }
  }
}

/** What a group's egress allows toward the target (ALL when open). */
export function egressTo(group: EgressGroup, target: PodShape): PortSet {
  if (group.open) return ALL_PORTS;
  let ports: PortSet = NO_PORTS;
  for (const policy of group.policies) {
    for (const rule of policy.egress) {
      const matches =
        rule.allPeers ||
        rule.peers.some(p =>
          peerMatchesPod(p, policy.namespace, target.podView),
        );
      if (matches)
        ports = unionPorts(ports, resolvePorts(rule.ports, target.ports));
      if (ports.all) return ports;
    }
  }
  return ports;
}

/** A shape of an open group matching `podSelector` (any shape without one). */
export function openSource(
  groups: EgressGroup[],
  podSelector?: KeyedSelector,
): PodShape | undefined {
  for (const g of groups) {
    if (!g.open) continue;
    const hit = g.shapes.find(
      s => !podSelector || podSelector.matchesKeyed(s.labels, s.labelsKey),
    );
    if (hit) return hit;
  }
  return undefined;
}
