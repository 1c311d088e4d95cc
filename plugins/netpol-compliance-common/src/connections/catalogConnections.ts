/**
 * What a scan adds to its report when it is given the catalog: for each
 * namespace, the connections of every entity whose workloads run there
 * (declared ones with their verdict, open but undeclared ones), and the
 * least-privilege Fix, verified. Done where the snapshot is at hand, once
 * per cluster: the stored report then answers the entity view alone.
 */
import { buildClusterIndex, ClusterIndexOptions } from '../engine/clusterIndex';
import type { ClusterReport } from '../report';
import { leastPrivilegeIndexed } from '../remediation/leastPrivilege';
import { verifyLeastPrivilege } from '../remediation/verifyLeastPrivilege';
import type { ClusterSnapshot } from '../snapshot/types';
import { allExpectedConnections } from './deriveConnections';
import { entityWorkloads } from './entityWorkloads';
import { evaluateConnectionsIndexed } from './evaluateConnections';
import type { CatalogComponent, ClusterConnections, EntityConnections, LeastPrivilegeFix } from './types';

/** @public */
export interface CatalogConnectionsOptions {
  /**
   * Namespaces given a verified least-privilege Fix per scan (each
   * verification re-reads the cluster): those with blocked declared
   * connections first. Default 10 (about 1.5 s each on a cluster of 3000
   * workloads: each builds the cluster index again with the set added).
   */
  maxFixes?: number;
  /** Source-to-workload checks spent on open but undeclared paths per scan (about 50 µs each). Default 50000. */
  maxOpenPathChecks?: number;
}

function onlyNamespace(c: ClusterConnections, namespace: string): ClusterConnections {
  return {
    cluster: c.cluster,
    connections: c.connections.filter(x => x.from.namespace === namespace || x.to.namespace === namespace),
    notEvaluated: c.notEvaluated,
    openButUndeclared: c.openButUndeclared.filter(o => o.to.namespace === namespace),
    ...(c.openPathsIncomplete ? { openPathsIncomplete: c.openPathsIncomplete } : {}),
  };
}

function fixFor(
  snapshot: ClusterSnapshot,
  index: ReturnType<typeof buildClusterIndex>,
  namespace: string,
  components: CatalogComponent[],
  indexOptions: ClusterIndexOptions,
): LeastPrivilegeFix {
  const set = leastPrivilegeIndexed(index, namespace, components);
  const check = verifyLeastPrivilege(snapshot, set, indexOptions);
  return {
    yaml: set.yaml,
    replaces: set.replaces,
    notes: set.notes,
    verified: check.verified,
    problems: check.problems,
    otherSide: check.otherSide,
    declared: check.declared.map(d => ({ from: d.from, to: d.to, because: d.connection.because, allowed: d.allowed })),
    controls: check.controls,
  };
}

/**
 * Fills `connections` and `leastPrivilege` on the report's namespaces.
 * Components that run nowhere on this cluster add nothing.
 * @public
 */
export function attachCatalogConnections(
  report: ClusterReport,
  snapshot: ClusterSnapshot,
  components: CatalogComponent[],
  options: CatalogConnectionsOptions = {},
  indexOptions: ClusterIndexOptions = {},
): void {
  if (!components.length) return;
  const index = buildClusterIndex(snapshot, indexOptions);
  const all = allExpectedConnections(components);
  const byNamespace = new Map(report.namespaces.map(n => [n.namespace, n]));
  const blockedIn = new Set<string>();
  const budget = { left: options.maxOpenPathChecks ?? 50_000 };
  for (const c of components) {
    const ends = entityWorkloads(index, c.mapping);
    if (!ends.length) continue;
    const ref = c.ref.toLowerCase();
    const expected = all.filter(e => e.from.toLowerCase() === ref || e.to.toLowerCase() === ref);
    const evaluated = evaluateConnectionsIndexed(index, c.ref, components, expected, budget);
    for (const namespace of new Set(ends.map(e => e.namespace))) {
      const ns = byNamespace.get(namespace);
      if (!ns) continue;
      const own: EntityConnections = { entityRef: c.ref, ...onlyNamespace(evaluated, namespace) };
      (ns.connections ??= []).push(own);
      if (own.connections.some(x => x.verdict === 'blocked')) blockedIn.add(namespace);
    }
  }
  const maxFixes = options.maxFixes ?? 10;
  const candidates = report.namespaces
    .filter(n => n.connections?.length && !n.exemption)
    .sort((a, b) => Number(blockedIn.has(b.namespace)) - Number(blockedIn.has(a.namespace)));
  candidates.forEach((ns, i) => {
    if (i < maxFixes) {
      ns.leastPrivilege = fixFor(snapshot, index, ns.namespace, components, indexOptions);
    } else {
      ns.leastPrivilegeOmitted = `a scan verifies least-privilege policies for ${maxFixes} namespaces (those with blocked declared connections first) and this cluster has ${candidates.length}`;
    }
  });
}
