/**
 * What one side of a connection allows: the ports a pod's ingress policies
 * accept from a peer, or the ports its egress policies let it send to a
 * peer. Policies are additive: the union of the matching rules of every
 * policy that selects the pod for that direction. A pod that no policy
 * selects for a direction is open in that direction.
 */
import type { CompiledPolicy, CompiledRule } from '../semantics/compilePolicy';
import { peerMatchesIp, peerMatchesPod } from '../semantics/peers';
import {
  isEmptyPortSet,
  NO_PORTS,
  PortSet,
  resolvePorts,
  unionPorts,
  ALL_PORTS,
} from '../semantics/ports';
import type { PodShape } from '../engine/clusterIndex';

/** The other end, as a rule sees it. */
export type RemoteEnd =
  | { kind: 'pod'; shape: PodShape }
  | { kind: 'ip'; ip: string };

export interface SideAllowance {
  isolated: boolean;
  /** Union of what the matching rules allow (ALL when not isolated). */
  ports: PortSet;
  /** Per policy, what its matching rules allow (non-empty entries only). */
  byPolicy: Array<{ policy: CompiledPolicy; ports: PortSet }>;
  /** The isolating policies. */
  policies: CompiledPolicy[];
}

function ruleMatches(
  rule: CompiledRule,
  policy: CompiledPolicy,
  remote: RemoteEnd,
): boolean {
  if (rule.allPeers) return true;
  for (const peer of rule.peers) {
    if (remote.kind === 'pod') {
      if (peerMatchesPod(peer, policy.namespace, remote.shape.podView))
        return true;
    } else if (peerMatchesIp(peer, remote.ip)) {
      return true;
    }
  }
  return false;
}

function allowance(
  policies: CompiledPolicy[],
  direction: 'ingress' | 'egress',
  remote: RemoteEnd,
  destinationPorts: PodShape['ports'] | undefined,
): SideAllowance {
  if (policies.length === 0) {
    return { isolated: false, ports: ALL_PORTS, byPolicy: [], policies };
  }
  let ports: PortSet = NO_PORTS;
  const byPolicy: SideAllowance['byPolicy'] = [];
  for (const policy of policies) {
    let mine: PortSet = NO_PORTS;
    for (const rule of direction === 'ingress'
      ? policy.ingress
      : policy.egress) {
      if (!ruleMatches(rule, policy, remote)) continue;
      mine = unionPorts(mine, resolvePorts(rule.ports, destinationPorts));
    }
    if (!isEmptyPortSet(mine)) {
      byPolicy.push({ policy, ports: mine });
      ports = unionPorts(ports, mine);
    }
  }
  return { isolated: true, ports, byPolicy, policies };
}

/** What `destination`'s ingress policies accept from `source`. */
export function ingressAllowance(
  destination: PodShape,
  source: RemoteEnd,
): SideAllowance {
  return allowance(
    destination.ingressPolicies,
    'ingress',
    source,
    destination.ports,
  );
}

/** What `source`'s egress policies let it send to `destination` (named ports resolved on the destination pod). */
export function egressAllowance(
  source: PodShape,
  destination: RemoteEnd,
): SideAllowance {
  return allowance(
    source.egressPolicies,
    'egress',
    destination,
    destination.kind === 'pod' ? destination.shape.ports : undefined,
  );
}
