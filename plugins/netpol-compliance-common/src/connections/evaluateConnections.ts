/**
 * Declared connections checked with the reachability engine on one
 * cluster, and the reverse view: who can reach the entity's workloads from
 * another namespace or from outside the cluster although the catalog
 * declares nothing.
 */
import { buildClusterIndex, ClusterIndex, ClusterIndexOptions } from '../engine/clusterIndex';
import { checkReachabilityIndexed } from '../reachability/checkReachability';
import type { ReachabilityQuery } from '../reachability/types';
import type { ClusterSnapshot } from '../snapshot/types';
import { expectedConnections } from './deriveConnections';
import { connectionEnds, entityWorkloads } from './entityWorkloads';
import {
  CatalogComponent,
  CLUSTER_DNS,
  ClusterConnections,
  ConnectionEnd,
  EvaluatedConnection,
  ExpectedConnection,
  OpenPath,
} from './types';

/** An address of TEST-NET-2 (RFC 5737): stands for any client outside the cluster. */
export const OUTSIDE_PROBE_IP = '198.51.100.7';
export const OUTSIDE_THE_CLUSTER = 'outside the cluster';

export function queryOf(from: ConnectionEnd, to: ConnectionEnd, toDns: boolean): ReachabilityQuery {
  return {
    from: { namespace: from.namespace, workload: from.workload },
    to: { namespace: to.namespace, workload: to.workload },
    // DNS is asked on its port; other dependencies on any port their ends allow.
    ...(toDns ? { port: 53, protocol: 'UDP' } : {}),
  };
}

function evaluateOne(
  index: ClusterIndex,
  connection: ExpectedConnection,
  components: CatalogComponent[],
  out: ClusterConnections,
): void {
  const froms = connectionEnds(index, connection.from, components);
  const tos = connectionEnds(index, connection.to, components);
  if (!froms.length || !tos.length) {
    const missing = !froms.length ? connection.from : connection.to;
    out.notEvaluated.push({ connection, reason: `${missing} does not run on ${out.cluster}` });
    return;
  }
  for (const from of froms) {
    for (const to of tos) {
      const result = checkReachabilityIndexed(index, queryOf(from, to, connection.to === CLUSTER_DNS));
      out.connections.push({
        connection,
        from,
        to,
        verdict: result.allowed ? 'allowed' : 'blocked',
        result,
      });
    }
  }
}

/** How many source checks a scan may still spend on open paths (a large cluster has tens of thousands of workloads). */
export interface CheckBudget {
  left: number;
}

/** `namespace/Kind/name`: one key per workload. */
export const endKey = (e: ConnectionEnd) => `${e.namespace}/${e.workload}`;

/**
 * Undeclared sources from other namespaces and from outside the cluster,
 * grouped by source namespace. `declared` holds `from>to` end keys.
 */
export function openButUndeclared(
  index: ClusterIndex,
  targets: ConnectionEnd[],
  declared: Set<string>,
  budget: CheckBudget = { left: Infinity },
): OpenPath[] {
  const paths: OpenPath[] = [];
  for (const to of targets) {
    if (budget.left <= 0) break;
    const outside = checkReachabilityIndexed(index, {
      from: { ip: OUTSIDE_PROBE_IP },
      to: { namespace: to.namespace, workload: to.workload },
    });
    if (outside.allowed) {
      paths.push({ to, source: OUTSIDE_THE_CLUSTER, workloads: [], policies: outside.ingress.policies, reason: outside.ingress.reason });
    }
    for (const namespace of index.namespaceNames) {
      if (namespace === to.namespace) continue;
      const open: string[] = [];
      const policies = new Set<string>();
      let reason = '';
      for (const w of index.workloadsByNamespace.get(namespace) ?? []) {
        const from = { namespace, workload: w.id };
        if (declared.has(`${endKey(from)}>${endKey(to)}`)) continue;
        budget.left--;
        const r = checkReachabilityIndexed(index, queryOf(from, to, false));
        if (!r.allowed) continue;
        open.push(w.id);
        r.ingress.policies.forEach(p => policies.add(p));
        reason ||= r.ingress.reason;
      }
      if (open.length) paths.push({ to, source: namespace, workloads: open, policies: [...policies], reason });
    }
  }
  return paths;
}

/**
 * Every declared connection of `entityRef` between workloads that run on
 * this cluster, with the engine's verdict, and the open but undeclared paths
 * into the entity's workloads.
 * @public
 */
export function evaluateConnections(
  snapshot: ClusterSnapshot,
  entityRef: string,
  components: CatalogComponent[],
  indexOptions: ClusterIndexOptions = {},
): ClusterConnections {
  return evaluateConnectionsIndexed(buildClusterIndex(snapshot, indexOptions), entityRef, components);
}

/** The same over an index built once for many entities. */
export function evaluateConnectionsIndexed(
  index: ClusterIndex,
  entityRef: string,
  components: CatalogComponent[],
  expected = expectedConnections(entityRef, components),
  budget: CheckBudget = { left: Infinity },
): ClusterConnections {
  const out: ClusterConnections = {
    cluster: index.snapshot.cluster.name,
    connections: [],
    notEvaluated: [],
    openButUndeclared: [],
  };
  for (const connection of expected) evaluateOne(index, connection, components, out);
  const self = components.find(c => c.ref.toLowerCase() === entityRef.toLowerCase());
  if (!self) return out;
  const declared = new Set(out.connections.map(c => `${endKey(c.from)}>${endKey(c.to)}`));
  out.openButUndeclared = openButUndeclared(index, entityWorkloads(index, self.mapping), declared, budget);
  if (budget.left <= 0) {
    out.openPathsIncomplete = 'The scan reached its budget of checks for open paths: the list may be incomplete';
  }
  return out;
}

/** The declared connections a policy blocks (NETPOL-007's finding). @public */
export function blockedConnections(c: ClusterConnections): EvaluatedConnection[] {
  return c.connections.filter(x => x.verdict === 'blocked');
}
