/**
 * Can A talk to B? A connection is allowed when the source's egress side
 * AND the destination's ingress side both allow it (NetworkPolicy is
 * enforced at both ends). A side that is not a pod (an address outside the
 * cluster, a hostNetwork pod) is not subject to NetworkPolicy: only the pod
 * side is checked.
 *
 * Only Kubernetes NetworkPolicies are evaluated; when Cilium or Calico
 * policies also select an end, a note says so. ipBlock peers match
 * addresses, never pods: when an ipBlock happens to contain the other end's
 * pod IP, a note says so (whether it applies is up to the network plugin).
 */
import type { PodSnapshot } from '../snapshot';
import {
  buildClusterIndex,
  ClusterIndex,
  PodShape,
} from '../engine/clusterIndex';
import type { ClusterSnapshot } from '../snapshot';
import type { CompiledPolicy } from '../semantics/compilePolicy';
import { ipBlockContains, parseIp } from '../semantics/ipBlock';
import {
  describePortSet,
  intersectPorts,
  isEmptyPortSet,
  normaliseProtocol,
  PortSet,
  portSetContains,
} from '../semantics/ports';
import {
  egressAllowance,
  ingressAllowance,
  RemoteEnd,
  SideAllowance,
} from './directionRules';
import {
  DirectionVerdict,
  ReachabilityEndpoint,
  ReachabilityQuery,
  ReachabilityQueryError,
  ReachabilityResult,
} from './types';

type End =
  | { kind: 'pod'; shape: PodShape; label: string; ips: string[] }
  | { kind: 'ip'; ip: string; label: string };

/** What the query asks about the port, once resolved on the destination. */
type PortQuestion =
  | { kind: 'any' }
  | { kind: 'number'; protocol: string; port: number; name?: string }
  | { kind: 'unresolved'; protocol: string; name: string };

function resolveEnd(
  index: ClusterIndex,
  ep: ReachabilityEndpoint,
  notes: string[],
): End {
  if ('ip' in ep) {
    const addr = parseIp(ep.ip);
    if (!addr)
      throw new ReachabilityQueryError(`"${ep.ip}" is not an IP address`);
    const pod = index.podsByIp().get(addr.toString());
    if (pod) {
      notes.push(
        `${ep.ip} is the IP of pod ${pod.namespace}/${pod.name}: evaluated as that pod`,
      );
      return podEnd(index, pod, notes);
    }
    return { kind: 'ip', ip: addr.toString(), label: ep.ip };
  }
  if ('pod' in ep) {
    const pod = index.podsByName().get(`${ep.namespace}/${ep.pod}`);
    if (!pod)
      throw new ReachabilityQueryError(
        `pod ${ep.namespace}/${ep.pod} is not in the snapshot`,
      );
    return podEnd(index, pod, notes);
  }
  const list = index.workloadsByNamespace.get(ep.namespace) ?? [];
  const workload = list.find(w => w.id === ep.workload);
  if (!workload || workload.shapes.length === 0) {
    if (runsOnHostNetwork(index, ep.namespace, ep.workload)) {
      throw new ReachabilityQueryError(
        `workload ${ep.namespace}/${ep.workload} uses the host network: NetworkPolicy does not apply to it; ask about one of its pods or its node's address instead`,
      );
    }
    throw new ReachabilityQueryError(
      `workload ${ep.namespace}/${ep.workload} is not in the snapshot`,
    );
  }
  if (workload.shapes.length > 1) {
    notes.push(
      `${ep.namespace}/${ep.workload} has pods with ${workload.shapes.length} different label sets; the first pod is evaluated`,
    );
  }
  const ips = workload.livePods.flatMap(p => p.podIPs ?? []);
  return {
    kind: 'pod',
    shape: workload.shapes[0],
    label: `${ep.namespace}/${ep.workload}`,
    ips,
  };
}

/**
 * Whether `Kind/name` is a controller whose pods use the host network: such
 * workloads are left out of the index (NetworkPolicy does not apply), which
 * deserves a better answer than "not found".
 */
function runsOnHostNetwork(
  index: ClusterIndex,
  namespace: string,
  workloadId: string,
): boolean {
  return (index.snapshot.controllers ?? []).some(
    c =>
      c.namespace === namespace &&
      `${c.kind}/${c.name}` === workloadId &&
      c.templateHostNetwork,
  );
}

function podEnd(index: ClusterIndex, pod: PodSnapshot, notes: string[]): End {
  const label = `${pod.namespace}/${pod.name}`;
  if (pod.hostNetwork) {
    notes.push(
      `${label} uses the host network: NetworkPolicy does not apply to it, and its traffic carries the node's address`,
    );
    const address = parseIp(pod.podIPs?.[0] ?? '');
    if (!address) {
      // No address yet (pending): no ipBlock can be matched against it.
      notes.push(
        `${label} has no IP address yet: ipBlock rules cannot be matched against it and are taken as not matching`,
      );
    }
    return { kind: 'ip', ip: address?.toString() ?? '', label };
  }
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
    notes.push(
      `${label} has finished (phase ${pod.phase}); evaluated as if it ran`,
    );
  }
  return {
    kind: 'pod',
    shape: index.shapeOf(pod.namespace, pod.labels ?? {}, pod.ports ?? []),
    label,
    ips: pod.podIPs ?? [],
  };
}

function resolvePort(
  query: ReachabilityQuery,
  to: End,
  notes: string[],
): PortQuestion {
  const protocolGiven = query.protocol !== undefined && query.protocol !== null;
  const protocol = normaliseProtocol(query.protocol);
  const raw = query.port;
  if (raw === undefined || raw === null || raw === '') return { kind: 'any' };
  if (typeof raw === 'number' || /^\d+$/.test(raw)) {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ReachabilityQueryError(`port ${raw} is out of range 1-65535`);
    }
    return { kind: 'number', protocol, port };
  }
  if (to.kind === 'pod') {
    const hit = to.shape.ports.find(
      p =>
        p.name === raw &&
        (!protocolGiven || normaliseProtocol(p.protocol) === protocol),
    );
    if (hit) {
      return {
        kind: 'number',
        protocol: normaliseProtocol(hit.protocol),
        port: hit.containerPort,
        name: raw,
      };
    }
    notes.push(
      `${to.label} declares no ${
        protocolGiven ? `${protocol} ` : ''
      }port named "${raw}"`,
    );
  } else {
    notes.push(
      `a named port ("${raw}") cannot be resolved on an address outside the cluster`,
    );
  }
  return { kind: 'unresolved', protocol, name: raw };
}

function sideAllows(ports: PortSet, q: PortQuestion): boolean {
  switch (q.kind) {
    case 'any':
      return !isEmptyPortSet(ports);
    case 'number':
      return portSetContains(ports, q.protocol, q.port);
    default:
      return ports.all;
  }
}

function portText(q: PortQuestion): string {
  if (q.kind === 'any') return 'any port';
  if (q.kind === 'number')
    return `${q.protocol}/${q.port}${q.name ? ` (${q.name})` : ''}`;
  return `${q.protocol}/${q.name}`;
}

function verdict(
  side: SideAllowance | undefined,
  q: PortQuestion,
  direction: 'egress' | 'ingress',
  subject: string,
  other: string,
): DirectionVerdict {
  if (!side) {
    return {
      allowed: true,
      policies: [],
      isolated: false,
      reason: `${subject} is not a pod of the cluster: its ${direction} is not subject to NetworkPolicy`,
    };
  }
  if (!side.isolated) {
    return {
      allowed: true,
      policies: [],
      isolated: false,
      ports: 'all ports',
      reason: `no NetworkPolicy selects ${subject} for ${direction}: all ${direction} is allowed`,
    };
  }
  const allowed = sideAllows(side.ports, q);
  const ids = (list: CompiledPolicy[]) => list.map(p => p.id);
  if (allowed) {
    const deciding = side.byPolicy
      .filter(b => sideAllows(b.ports, q))
      .map(b => b.policy);
    return {
      allowed,
      policies: ids(deciding),
      isolated: true,
      ports: describePortSet(side.ports),
      reason: `${ids(deciding).join(', ')} allow${
        deciding.length === 1 ? 's' : ''
      } ${
        direction === 'egress' ? `traffic to ${other}` : `traffic from ${other}`
      } on ${portText(q)}`,
    };
  }
  return {
    allowed,
    policies: ids(side.policies),
    isolated: true,
    ports: describePortSet(side.ports),
    reason: `${subject} is isolated for ${direction} by ${ids(
      side.policies,
    ).join(', ')} and no rule allows ${
      direction === 'egress' ? `traffic to ${other}` : `traffic from ${other}`
    } on ${portText(q)}`,
  };
}

function ipBlockNotes(
  policies: CompiledPolicy[],
  direction: 'ingress' | 'egress',
  otherIps: string[],
  otherLabel: string,
  notes: string[],
): void {
  if (otherIps.length === 0) return;
  for (const policy of policies) {
    for (const rule of direction === 'ingress'
      ? policy.ingress
      : policy.egress) {
      for (const peer of rule.peers) {
        if (peer.type !== 'ipBlock') continue;
        const hit = otherIps.find(ip => ipBlockContains(peer.block, ip));
        if (hit) {
          notes.push(
            `${policy.id} ${direction} rule ${rule.index}: ${peer.text} contains ${otherLabel}'s pod IP ${hit}; ipBlock is meant for addresses outside the cluster and whether it applies to pod traffic depends on the network plugin, so it is not counted`,
          );
        }
      }
    }
  }
}

function otherKindNotes(end: End, notes: string[]): void {
  if (end.kind !== 'pod' || end.shape.otherPolicies.length === 0) return;
  const names = end.shape.otherPolicies
    .map(p => `${p.kind} ${p.id}`)
    .join(', ');
  notes.push(
    `${names} also select${end.shape.otherPolicies.length === 1 ? 's' : ''} ${
      end.label
    }; only Kubernetes NetworkPolicies are evaluated here`,
  );
}

/** Answers reachability queries over one index. */
export function checkReachabilityIndexed(
  index: ClusterIndex,
  query: ReachabilityQuery,
): ReachabilityResult {
  const notes: string[] = [];
  const from = resolveEnd(index, query.from, notes);
  const to = resolveEnd(index, query.to, notes);
  const q = resolvePort(query, to, notes);
  const remoteOf = (end: End): RemoteEnd =>
    end.kind === 'pod'
      ? { kind: 'pod', shape: end.shape }
      : { kind: 'ip', ip: end.ip };

  const egressSide =
    from.kind === 'pod' ? egressAllowance(from.shape, remoteOf(to)) : undefined;
  const ingressSide =
    to.kind === 'pod' ? ingressAllowance(to.shape, remoteOf(from)) : undefined;
  const egress = verdict(egressSide, q, 'egress', from.label, to.label);
  const ingress = verdict(ingressSide, q, 'ingress', to.label, from.label);

  let allowed = egress.allowed && ingress.allowed;
  if (allowed && q.kind === 'any' && egressSide && ingressSide) {
    const common = intersectPorts(egressSide.ports, ingressSide.ports);
    if (isEmptyPortSet(common)) {
      allowed = false;
      notes.push(
        `the egress side allows ${describePortSet(
          egressSide.ports,
        )} and the ingress side ${describePortSet(
          ingressSide.ports,
        )}: no port in common`,
      );
    }
  }
  if (q.kind === 'unresolved' && to.kind === 'pod' && allowed) {
    // A name the destination does not declare: nothing listens under that name.
    allowed = false;
  }
  if (from.kind === 'pod' && to.kind === 'pod') {
    ipBlockNotes(from.shape.egressPolicies, 'egress', to.ips, to.label, notes);
    ipBlockNotes(
      to.shape.ingressPolicies,
      'ingress',
      from.ips,
      from.label,
      notes,
    );
  }
  otherKindNotes(from, notes);
  otherKindNotes(to, notes);

  const result: ReachabilityResult = { allowed, egress, ingress };
  if (q.kind === 'number')
    result.port = {
      protocol: q.protocol,
      port: q.port,
      ...(q.name ? { name: q.name } : {}),
    };
  if (q.kind === 'unresolved')
    result.port = { protocol: q.protocol, name: q.name };
  if (notes.length) result.notes = notes;
  return result;
}

/**
 * Prepares a snapshot once for many reachability queries.
 * @public
 */
export function createReachabilityChecker(
  snapshot: ClusterSnapshot,
): (query: ReachabilityQuery) => ReachabilityResult {
  const index = buildClusterIndex(snapshot);
  return query => checkReachabilityIndexed(index, query);
}

/**
 * Whether traffic from one endpoint reaches another under the snapshot's
 * Kubernetes NetworkPolicies. Throws ReachabilityQueryError when an
 * endpoint is not in the snapshot.
 * @public
 */
export function checkReachability(
  snapshot: ClusterSnapshot,
  query: ReachabilityQuery,
): ReachabilityResult {
  return checkReachabilityIndexed(buildClusterIndex(snapshot), query);
}
