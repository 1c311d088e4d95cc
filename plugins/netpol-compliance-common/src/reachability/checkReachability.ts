/**
 * Can A talk to B? A connection is allowed when the source's egress side
 * AND the destination's ingress side both allow it (policies are enforced
 * at both ends). A side that is not a pod (an address outside the cluster,
 * a hostNetwork pod) is not subject to policy: only the pod side is
 * checked. Every policy kind and tier is evaluated (the policy model).
 * ipBlock peers match addresses, never pods: when an ipBlock happens to
 * contain the other end's pod IP, a note says so (whether it applies is up
 * to the network plugin). A workload whose pods differ is answered per
 * distinct pod.
 */
import {
  buildClusterIndex,
  ClusterIndex,
  ClusterIndexOptions,
} from '../engine/clusterIndex';
import type { ClusterSnapshot } from '../snapshot/types';
import type { CompiledPolicy } from '../semantics/compilePolicy';
import { ipBlockContains } from '../semantics/ipBlock';
import {
  describePortSet,
  intersectPorts,
  isEmptyPortSet,
  normaliseProtocol,
} from '../semantics/ports';
import { egressAllowance, ingressAllowance, RemoteEnd } from './directionRules';
import { End, resolveEnds } from './endpoints';
import { PortQuestion, verdict } from './verdict';
import {
  DirectionVerdict,
  ReachabilityQuery,
  ReachabilityQueryError,
  ReachabilityResult,
} from './types';
import {
  podOnlyDenies,
  podOnlyReachNote,
} from '../policyModel/podOnlyDenies';

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

/** One pod (shape) to one pod or address. */
function checkPair(
  from: End,
  to: End,
  query: ReachabilityQuery,
  notes: string[],
): ReachabilityResult {
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
  if (from.kind === 'pod' && to.kind === 'ip') outsideNote(egress, from, 'egress');
  if (to.kind === 'pod' && from.kind === 'ip') outsideNote(ingress, to, 'ingress');

  let allowed = egress.allowed && ingress.allowed;
  if (allowed && q.kind === 'any' && egressSide && ingressSide) {
    const common = intersectPorts(egressSide.allowed, ingressSide.allowed);
    if (isEmptyPortSet(common)) {
      allowed = false;
      notes.push(
        `the egress side allows ${describePortSet(
          egressSide.allowed,
        )} and the ingress side ${describePortSet(
          ingressSide.allowed,
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

  modelNotes(from, 'egress', notes);
  modelNotes(to, 'ingress', notes);

  const result: ReachabilityResult = { allowed, egress, ingress };
  if (q.kind === 'number')
    result.port = {
      protocol: q.protocol,
      port: q.port,
      ...(q.name ? { name: q.name } : {}),
    };
  if (q.kind === 'unresolved')
    result.port = { protocol: q.protocol, name: q.name };
  return result;
}

/**
 * An address outside the cluster let through although an admin or
 * baseline rule denies every pod: the answer says why that rule did not
 * apply.
 */
function outsideNote(
  side: DirectionVerdict,
  end: End,
  direction: 'ingress' | 'egress',
): void {
  if (!side.allowed || end.kind !== 'pod') return;
  const note = podOnlyReachNote(
    podOnlyDenies(end.shape.model, end.shape, direction),
    direction,
  );
  if (note) side.reason = `${side.reason} (${note})`;
}

/**
 * What the answer could not read in the other kinds' policies selecting
 * an end (layer 7 rules, FQDNs, Calico tiers...): said, not guessed.
 * NetworkPolicy problems stay with the policy summaries, as before.
 */
function modelNotes(end: End, direction: 'ingress' | 'egress', notes: string[]): void {
  if (end.kind !== 'pod') return;
  const set = end.shape.model;
  for (const p of [...set.admin, ...set.namespace, ...set.baseline]) {
    if (p.ref.kind === 'NetworkPolicy' || p.rules[direction].length === 0) continue;
    for (const problem of p.problems) {
      const text = `${p.label}: ${problem}`;
      if (!notes.includes(text)) notes.push(text);
    }
  }
}

function podsText(end: End): string {
  const shown = end.pods.slice(0, 3).join(', ');
  const more = end.pods.length > 3 ? ` and ${end.pods.length - 3} more` : '';
  const labels = end.kind === 'pod'
    ? Object.entries(end.shape.labels).map(([k, v]) => `${k}=${v}`).join(',')
    : '';
  return `${shown}${more}${labels ? ` (labels ${labels})` : ''}`;
}

/** Answers reachability queries over one index. */
export function checkReachabilityIndexed(
  index: ClusterIndex,
  query: ReachabilityQuery,
): ReachabilityResult {
  const notes: string[] = [];
  const froms = resolveEnds(index, query.from, notes);
  const tos = resolveEnds(index, query.to, notes);
  const pairs: Array<{ from: End; to: End; result: ReachabilityResult }> = [];
  for (const from of froms) {
    for (const to of tos) {
      // Notes of the pairs after the first repeat the first's: keep one set.
      const own = pairs.length === 0 ? notes : [];
      pairs.push({ from, to, result: checkPair(from, to, query, own) });
    }
  }
  if (pairs.length === 1) {
    const only = pairs[0].result;
    if (notes.length) only.notes = notes;
    return only;
  }
  const weight = (p: (typeof pairs)[number]) =>
    Math.max(1, p.from.pods.length) * Math.max(1, p.to.pods.length);
  const total = pairs.reduce((n, p) => n + weight(p), 0);
  const allowedPairs = pairs.filter(p => p.result.allowed);
  const allowedCount = allowedPairs.reduce((n, p) => n + weight(p), 0);
  const unit = froms.length > 1 && tos.length > 1 ? 'pod pairs' : 'pods';
  const varying = froms.length > 1 ? 'from' : 'to';
  const describe = (list: typeof pairs) =>
    list.map(p => podsText(p[varying])).join('; ');
  const denied = pairs.filter(p => !p.result.allowed);
  const label = (froms.length > 1 ? froms[0] : tos[0]).label;
  notes.unshift(
    `${label} has pods that differ: allowed for ${allowedCount} of ${total} ${unit}${
      allowedPairs.length ? `; allowed for ${describe(allowedPairs)}` : ''
    }${denied.length ? `; denied for ${describe(denied)}` : ''}`,
  );
  // The verdicts shown are those of a denied pod when there is one.
  const shown = (denied[0] ?? pairs[0]).result;
  return {
    ...shown,
    allowed: denied.length === 0,
    pods: { allowed: allowedCount, total },
    notes,
  };
}

/**
 * Prepares a snapshot once for many reachability queries.
 * @public
 */
export function createReachabilityChecker(
  snapshot: ClusterSnapshot,
  options: ClusterIndexOptions = {},
): (query: ReachabilityQuery) => ReachabilityResult {
  const index = buildClusterIndex(snapshot, options);
  return query => checkReachabilityIndexed(index, query);
}

/**
 * Whether traffic from one endpoint reaches another under the snapshot's
 * policies of every kind. Throws ReachabilityQueryError when an
 * endpoint is not in the snapshot.
 * @public
 */
export function checkReachability(
  snapshot: ClusterSnapshot,
  query: ReachabilityQuery,
  options: ClusterIndexOptions = {},
): ReachabilityResult {
  return checkReachabilityIndexed(buildClusterIndex(snapshot, options), query);
}
