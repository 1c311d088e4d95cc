/**
 * The per-workload reach summary read straight from the policy model, for
 * clusters where some policy is not a NetworkPolicy (Cilium, Calico, the
 * admin tiers): the fast analyzer in workloadReach.ts indexes
 * NetworkPolicy selectors only. Same definitions:
 * - fromOtherNamespaces: some pod shape of another namespace whose egress
 *   side and the target's ingress side allow a common port;
 * - fromOutsideCluster: some outside address the target's ingress side
 *   admits on some port. The addresses tried are one far from every rule
 *   (per family) and the edges of every address block the target's
 *   policies name (first address of each block, and the addresses around
 *   each exception), which is where an answer can change.
 * Both searches give the source or address found, for the explanation.
 */
import ipaddr from 'ipaddr.js';
import type { ClusterIndex, PodShape } from '../engine/clusterIndex';
import type { CompiledIpBlock } from '../semantics/ipBlock';
import { isEmptyPortSet, portsIntersect } from '../semantics/ports';
import { egressAllowance, ingressAllowance } from './directionRules';
import { isIsolated } from '../policyModel/strangers';

const FAR = ['198.51.100.7', '2001:db8::7'];

function neighbours(bytes: number[]): string[] {
  const down = bytes.slice();
  for (let i = down.length - 1; i >= 0; i--) {
    if (down[i] > 0) {
      down[i]--;
      break;
    }
    down[i] = 255;
  }
  const up = bytes.slice();
  for (let i = up.length - 1; i >= 0; i--) {
    if (up[i] < 255) {
      up[i]++;
      break;
    }
    up[i] = 0;
  }
  return [down, up].map(b => ipaddr.fromByteArray(b).toString());
}

function lastAddress(block: [ipaddr.IPv4 | ipaddr.IPv6, number]): number[] {
  const bytes = block[0].toByteArray();
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, block[1] - i * 8));
    return b | (0xff >> keep);
  });
}

function candidateAddresses(blocks: CompiledIpBlock[]): string[] {
  const out = new Set(FAR);
  for (const b of blocks) {
    if (!b.valid || !b.cidr) continue;
    out.add(b.cidr[0].toString());
    for (const e of b.except) {
      out.add(neighbours(e[0].toByteArray())[0]);
      out.add(neighbours(lastAddress(e))[1]);
    }
  }
  return [...out];
}

export class ModelReach {
  private readonly others = new Map<string, PodShape[]>();

  /** Every shape of the index, in the order sources are tried. */
  private readonly shapes: PodShape[];

  constructor(index: ClusterIndex, shapes: PodShape[] = index.shapes) {
    this.shapes = shapes;
  }

  private shapesOutside(namespace: string): PodShape[] {
    let hit = this.others.get(namespace);
    if (!hit) {
      hit = this.shapes.filter(s => s.namespace !== namespace);
      this.others.set(namespace, hit);
    }
    return hit;
  }

  private readonly egressFilters = new Map<PodShape, (target: PodShape) => boolean>();

  /**
   * Remote pods one side could allow (ingress: sources of `pod`; egress:
   * its destinations): all of them when nothing denies by default;
   * otherwise only those some Allow or Pass rule of its policies names (a
   * cheap peer match, before any evaluation).
   */
  private reachable(pod: PodShape, direction: 'ingress' | 'egress'): (remote: PodShape) => boolean {
    const set = pod.model;
    if (!isIsolated(set, pod, direction)) return () => true;
    const rules = [...set.admin, ...set.namespace, ...set.baseline].flatMap(p =>
      p.rules[direction]
        .filter(r => (r.action === 'allow' || r.action === 'pass') && !r.inert)
        .filter(r => !p.appliesTo || p.appliesTo(r, pod)),
    );
    if (rules.some(r => r.allPeers)) return () => true;
    return remote =>
      rules.some(r => r.peers.some(peer => peer.matches({ kind: 'pod', pod: remote })));
  }

  private egressFilter(source: PodShape): (target: PodShape) => boolean {
    let hit = this.egressFilters.get(source);
    if (!hit) {
      hit = this.reachable(source, 'egress');
      this.egressFilters.set(source, hit);
    }
    return hit;
  }

  /** A pod shape of another namespace that can connect to `target` on some port. */
  sourceReaching(target: PodShape): PodShape | undefined {
    const admissible = this.reachable(target, 'ingress');
    return this.shapesOutside(target.namespace).find(source => {
      if (!admissible(source) || !this.egressFilter(source)(target)) return false;
      const egress = egressAllowance(source, { kind: 'pod', shape: target });
      if (isEmptyPortSet(egress.allowed)) return false;
      const ingress = ingressAllowance(target, { kind: 'pod', shape: source });
      return portsIntersect(egress.allowed, ingress.allowed);
    });
  }

  fromOtherNamespaces(target: PodShape): boolean {
    return this.sourceReaching(target) !== undefined;
  }

  fromOutsideCluster(target: PodShape): boolean {
    return admittedOutsideAddress(target) !== undefined;
  }
}

/** An address outside the cluster that `target`'s ingress side admits on some port, if any. */
export function admittedOutsideAddress(target: PodShape): string | undefined {
  const blocks: CompiledIpBlock[] = [];
  const set = target.model;
  for (const p of [...set.admin, ...set.namespace, ...set.baseline])
    for (const r of p.rules.ingress) blocks.push(...(r.addressBlocks ?? []));
  return candidateAddresses(blocks).find(
    ip => !isEmptyPortSet(ingressAllowance(target, { kind: 'ip', ip }).allowed),
  );
}
