import {
  entityConnectionsSummary,
  EntityClusterView,
  OverviewClusterSummary,
  OverviewRow,
  worstStatus,
} from '@netpol/plugin-netpol-compliance-common';
import { failingFactName, NetpolFacts, ROW_CONTROLS } from './factSchema';

/**
 * The facts of every entity that maps to at least one namespace, from the
 * overview's rows (one per namespace of every cluster, with the entities
 * mapping there) and its per-cluster summaries. Pure. The rows carry the
 * namespace and cluster controls only: NETPOL-007, which is per entity, is
 * counted by namespacesFailingConnections from the entity's own view.
 */
export function computeFacts(
  rows: OverviewRow[],
  clusters: OverviewClusterSummary[],
): Map<string, NetpolFacts> {
  const rowsByEntity = new Map<string, OverviewRow[]>();
  for (const row of rows) {
    for (const ref of row.entities) {
      let list = rowsByEntity.get(ref);
      if (!list) rowsByEntity.set(ref, (list = []));
      list.push(row);
    }
  }
  const scannedAt = new Map(clusters.map(c => [c.cluster.name, c.scannedAt]));

  const facts = new Map<string, NetpolFacts>();
  for (const [ref, entityRows] of rowsByEntity) {
    facts.set(ref, factsOf(entityRows, scannedAt));
  }
  return facts;
}

function factsOf(rows: OverviewRow[], scannedAt: Map<string, string | undefined>): NetpolFacts {
  const failing: Record<string, number> = {};
  for (const control of ROW_CONTROLS) failing[failingFactName(control.id)] = 0;
  let namespacesFailing = 0;
  let unknownCount = 0;
  const statuses: string[] = [];
  const times: string[] = [];

  for (const row of rows) {
    let rowFails = false;
    for (const result of row.results) {
      statuses.push(result.status);
      if (result.status === 'unknown') unknownCount++;
      if (result.status === 'fail') {
        rowFails = true;
        const name = failingFactName(result.control);
        failing[name] = (failing[name] ?? 0) + 1;
      }
    }
    if (rowFails) namespacesFailing++;
    const at = scannedAt.get(row.cluster);
    if (at) times.push(at);
  }

  // The oldest report: the facts are no fresher than that.
  const lastScannedAt = times.length ? times.reduce((a, b) => (a < b ? a : b)) : undefined;
  return {
    namespacesMapped: rows.length,
    namespacesFailing,
    worstOutcome: worstStatus(statuses),
    unknownCount,
    ...(lastScannedAt ? { lastScannedAt } : {}),
    ...failing,
  };
}

/**
 * NETPOL-007 for one entity: how many of its namespaces (per cluster) hold a
 * connection the catalog declares for it that a policy blocks, from the
 * entity's stored view (each namespace report keeps the connections of the
 * entities running there). 0 when every declared connection is allowed or
 * none has both ends on a scanned cluster; undefined when no scan has checked
 * the catalog relations, so an unknown never reads as 0. Pure.
 */
export function namespacesFailingConnections(entityRef: string, clusters: EntityClusterView[]): number | undefined {
  const summary = entityConnectionsSummary(entityRef, clusters);
  if (summary.status === 'unknown') return undefined;
  const failing = summary.items.filter(item => item.connections.connections.some(c => c.verdict === 'blocked'));
  return new Set(failing.map(item => `${item.cluster}/${item.namespace}`)).size;
}
