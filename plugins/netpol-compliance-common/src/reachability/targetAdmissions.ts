import type { PodShape } from '../engine/clusterIndex';
import { ipBlockHasAddresses } from '../semantics/ipBlock';
import type { KeyedSelector } from '../selectors/labelSelector';
import {
  ALL_PORTS,
  isEmptyPortSet,
  PortSet,
  resolvePorts,
} from '../semantics/ports';

/*
 * The target side of the reach search: what a workload's ingress policies
 * admit, read from the target alone.
 */

/** One way into the target: who (any source, or pods by selectors) on which ports. */
export interface Admission {
  any: boolean;
  namespaceSelector?: KeyedSelector;
  podSelector?: KeyedSelector;
  ports: PortSet;
}

/** Every way into the target from other namespaces; one `any` entry when it is not isolated. */
export function admissions(target: PodShape): Admission[] {
  if (target.ingressPolicies.length === 0)
    return [{ any: true, ports: ALL_PORTS }];
  const out: Admission[] = [];
  for (const policy of target.ingressPolicies) {
    for (const rule of policy.ingress) {
      const ports = resolvePorts(rule.ports, target.ports);
      if (isEmptyPortSet(ports)) continue;
      if (rule.allPeers) {
        out.push({ any: true, ports });
        continue;
      }
      for (const peer of rule.peers) {
        // Peers without namespaceSelector only admit the policy's own namespace.
        if (peer.type !== 'pods' || !peer.valid || !peer.namespaceSelector)
          continue;
        out.push({
          any: false,
          namespaceSelector: peer.namespaceSelector,
          podSelector: peer.podSelector.selectsAll
            ? undefined
            : peer.podSelector,
          ports,
        });
      }
    }
  }
  return out;
}

/** Some address outside the cluster may connect on some port. */
export function reachableFromOutside(target: PodShape): boolean {
  if (target.ingressPolicies.length === 0) return true;
  for (const policy of target.ingressPolicies) {
    for (const rule of policy.ingress) {
      if (isEmptyPortSet(resolvePorts(rule.ports, target.ports))) continue;
      if (rule.allPeers) return true;
      if (
        rule.peers.some(
          p => p.type === 'ipBlock' && ipBlockHasAddresses(p.block),
        )
      )
        return true;
    }
  }
  return false;
}
