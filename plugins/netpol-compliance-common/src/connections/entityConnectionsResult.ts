/**
 * NETPOL-007 for one entity, from the namespace reports an entity view
 * already holds: the entity's stored connections on every cluster.
 * Shared by the entity tab and the actions registry so both say the same.
 */
import type { EntityClusterView } from '../api';
import type { ControlStatus } from '../report';
import type { EntityConnections, EvaluatedConnection, LeastPrivilegeFix, OpenPath } from './types';

/** @public */
export interface EntityConnectionsSummary {
  status: ControlStatus;
  reason: string;
  /** Every cluster and namespace's connections of this entity. */
  items: Array<{ cluster: string; namespace: string; connections: EntityConnections }>;
  /** Each declared connection once per cluster, blocked first. */
  connections: Array<EvaluatedConnection & { cluster: string }>;
  blocked: Array<EvaluatedConnection & { cluster: string }>;
  openButUndeclared: Array<OpenPath & { cluster: string }>;
  /** The least-privilege set of each namespace the entity runs in, where the scan made one. */
  leastPrivilege: Array<{ cluster: string; namespace: string; fix: LeastPrivilegeFix }>;
}

/**
 * Why a connection is allowed or blocked: the side that decided, in its
 * own words, then the engine's notes (an ipBlock naming a pod's address,
 * pods that differ), which say when the verdict may not hold.
 * @public
 */
export function connectionReason(c: EvaluatedConnection): string {
  const r = c.result;
  const decided = r.allowed ? r.ingress.reason : (r.egress.allowed ? r.ingress : r.egress).reason;
  return [decided, ...(r.notes ?? [])].join('. ');
}

const pair = (c: EvaluatedConnection) =>
  `${c.from.namespace}/${c.from.workload} to ${c.to.namespace}/${c.to.workload}`;

/** @public */
export function entityConnectionsSummary(entityRef: string, clusters: EntityClusterView[]): EntityConnectionsSummary {
  const ref = entityRef.toLowerCase();
  const items: EntityConnectionsSummary['items'] = [];
  for (const c of clusters) {
    for (const ns of c.namespaces) {
      const own = ns.connections?.find(x => x.entityRef.toLowerCase() === ref);
      if (own) items.push({ cluster: c.cluster.name, namespace: ns.namespace, connections: own });
    }
  }
  // A connection between two namespaces of the entity is stored in both: count it once.
  const seen = new Set<string>();
  const evaluated = items.flatMap(i =>
    i.connections.connections
      .map(x => ({ ...x, cluster: i.cluster }))
      .filter(x => {
        const k = `${x.cluster} ${pair(x)}`;
        return seen.has(k) ? false : (seen.add(k), true);
      }),
  );
  const blocked = evaluated.filter(x => x.verdict === 'blocked');
  const connections = [...blocked, ...evaluated.filter(x => x.verdict !== 'blocked')];
  const leastPrivilege = clusters.flatMap(c =>
    c.namespaces.flatMap(ns =>
      ns.leastPrivilege && items.some(i => i.cluster === c.cluster.name && i.namespace === ns.namespace)
        ? [{ cluster: c.cluster.name, namespace: ns.namespace, fix: ns.leastPrivilege }]
        : [],
    ),
  );
  const openButUndeclared = items.flatMap(i => i.connections.openButUndeclared.map(o => ({ ...o, cluster: i.cluster })));
  const scanned = clusters.some(c => c.namespaces.some(ns => ns.connections !== undefined));
  let status: ControlStatus;
  let reason: string;
  if (!scanned) {
    status = 'unknown';
    reason = 'No scan has checked the catalog relations yet (the scan reads them when the backend has the catalog)';
  } else if (!evaluated.length) {
    status = 'not-applicable';
    reason = 'The catalog declares no connection of this entity with both ends running on a scanned cluster';
  } else if (blocked.length) {
    status = 'fail';
    reason = `${blocked.length} of ${evaluated.length} declared connections are blocked: ${blocked
      .slice(0, 3)
      .map(b => `${pair(b)} (${b.cluster})`)
      .join('; ')}${blocked.length > 3 ? ` and ${blocked.length - 3} more` : ''}`;
  } else {
    status = 'pass';
    reason = `All ${evaluated.length} declared connections are allowed`;
  }
  return { status, reason, items, connections, blocked, openButUndeclared, leastPrivilege };
}
