/**
 * Checks a proposed policy set before it is shown: the namespace is
 * evaluated again as the cluster would be with the set applied: the
 * policies it replaces deleted, its own added. It holds when every declared connection is allowed, no
 * undeclared source from another namespace or from outside the cluster
 * reaches the namespace's workloads, and the namespace controls pass.
 * A declared connection the other end's namespace blocks (its own egress
 * or ingress) is said apart: no policy here can open it.
 */
import { endKey, openButUndeclared, queryOf } from '../connections/evaluateConnections';
import type { OpenPath } from '../connections/types';
import { CLUSTER_DNS } from '../connections/types';
import { buildClusterIndex, ClusterIndexOptions } from '../engine/clusterIndex';
import { evaluateCluster } from '../engine/evaluateCluster';
import { checkReachabilityIndexed } from '../reachability/checkReachability';
import type { ControlStatus } from '../report';
import type { ClusterSnapshot } from '../snapshot/types';
import type { LeastPrivilegePolicies } from './leastPrivilege';

/** @public */
export interface LeastPrivilegeCheck {
  /** True when all three checks hold. */
  verified: boolean;
  declared: Array<LeastPrivilegePolicies['declared'][number] & { allowed: boolean; reason: string }>;
  /** Undeclared sources that would still get in (should be empty). */
  stillOpen: OpenPath[];
  controls: Array<{ control: string; status: ControlStatus; reason: string }>;
  /** One line per check that does not hold. */
  problems: string[];
  /** Declared connections this set allows on its side that the other end's namespace still blocks. */
  otherSide: string[];
}

function sideReason(r: ReturnType<typeof checkReachabilityIndexed>): string {
  if (r.allowed) return r.ingress.reason;
  return !r.egress.allowed ? r.egress.reason : r.ingress.reason;
}

/** @public */
export function verifyLeastPrivilege(
  snapshot: ClusterSnapshot,
  set: Pick<LeastPrivilegePolicies, 'namespace' | 'policies' | 'declared' | 'replaces'>,
  indexOptions: ClusterIndexOptions = {},
): LeastPrivilegeCheck {
  const { namespace, policies: proposed, declared: declaredPairs } = set;
  // Applied as the set says: the policies it replaces deleted, one of the
  // same name overwritten (as `kubectl apply` would), the set added.
  const gone = new Set([...proposed.map(p => p.name), ...set.replaces.map(r => r.name)]);
  const after: ClusterSnapshot = {
    ...snapshot,
    networkPolicies: [
      ...snapshot.networkPolicies.filter(p => !(p.namespace === namespace && gone.has(p.name))),
      ...proposed,
    ],
  };
  const index = buildClusterIndex(after, indexOptions);
  const problems: string[] = [];
  const otherSide: string[] = [];
  const declared = declaredPairs.map(p => {
    const r = checkReachabilityIndexed(index, queryOf(p.from, p.to, p.connection.to === CLUSTER_DNS));
    // This namespace's set answers for its own side; the other end's namespace has its own Fix.
    const ownBlocks =
      (p.from.namespace === namespace && !r.egress.allowed) || (p.to.namespace === namespace && !r.ingress.allowed);
    if (ownBlocks || (r.egress.allowed && r.ingress.allowed && !r.allowed)) {
      problems.push(`declared ${endKey(p.from)} to ${endKey(p.to)} stays blocked: ${sideReason(r)}`);
    } else if (!r.allowed) {
      const other = p.from.namespace === namespace ? p.to.namespace : p.from.namespace;
      otherSide.push(`declared ${endKey(p.from)} to ${endKey(p.to)} also needs ${other}'s policies to allow it: ${sideReason(r)}`);
    }
    return { ...p, allowed: r.allowed, reason: sideReason(r) };
  });
  const targets = (index.workloadsByNamespace.get(namespace) ?? []).map(w => ({ namespace, workload: w.id }));
  const keys = new Set(declaredPairs.map(p => `${endKey(p.from)}>${endKey(p.to)}`));
  const stillOpen = openButUndeclared(index, targets, keys);
  for (const o of stillOpen) {
    problems.push(`${o.source} can still reach ${o.to.workload}${o.policies.length ? ` (through ${o.policies.join(', ')})` : ''}`);
  }
  // The namespace controls read only the namespace's own pods and policies (and cluster-scoped ones).
  const own = <T extends { namespace?: string }>(list: T[]) => list.filter(o => o.namespace === namespace);
  const controlsView: ClusterSnapshot = {
    ...after,
    pods: own(after.pods),
    controllers: own(after.controllers),
    networkPolicies: own(after.networkPolicies),
    otherPolicies: after.otherPolicies.filter(p => p.namespace === undefined || p.namespace === namespace),
  };
  const report = evaluateCluster(controlsView, { reachability: false, policyYaml: false, remediation: false }, indexOptions);
  const ns = report.namespaces.find(n => n.namespace === namespace);
  const controls = (ns?.results ?? []).map(r => ({ control: r.control, status: r.status, reason: r.reason }));
  for (const c of controls) {
    if (c.status !== 'pass') problems.push(`${c.control} would be ${c.status}: ${c.reason}`);
  }
  if (!ns) problems.push(`${namespace} is not in the cluster data`);
  return { verified: problems.length === 0, declared, stillOpen, controls, problems, otherSide };
}
