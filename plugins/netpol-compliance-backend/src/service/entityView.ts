import {
  ClusterReport,
  compileLabelSelector,
  EntityClusterView,
  EntityMapping,
  NAMESPACE_CONTROL_IDS,
  NamespaceReport,
  parseLabelSelectorString,
} from '@netpol/plugin-netpol-compliance-common';
import type { StoredCluster } from '../store/ReportStore';
import { effectiveReport, isStale, staleReason } from './staleness';

function unknownNamespace(cluster: string, namespace: string, reason: string): NamespaceReport {
  return {
    cluster,
    namespace,
    labels: {},
    annotations: {},
    results: NAMESPACE_CONTROL_IDS.map(control => ({
      control,
      status: 'unknown',
      reason,
      evidence: {},
    })),
    workloads: [],
    policies: [],
  };
}

/** The entity's namespaces in one report, or why they cannot be told. */
function selectNamespaces(
  report: ClusterReport,
  mapping: EntityMapping,
): { namespaces: NamespaceReport[]; error?: string } {
  const failed = (resource: string) =>
    report.errors.find(e => e.resource === resource && !e.namespace);
  if (mapping.namespaces) {
    const byName = new Map(report.namespaces.map(n => [n.namespace, n]));
    const namespacesFailed = failed('namespaces');
    const namespaces: NamespaceReport[] = [];
    for (const name of mapping.namespaces) {
      const found = byName.get(name);
      if (found) namespaces.push(found);
      else if (namespacesFailed) {
        namespaces.push(
          unknownNamespace(report.cluster.name, name, `Namespaces could not be listed: ${namespacesFailed.reason}`),
        );
      }
      // Otherwise the namespace does not exist on this cluster: nothing runs there.
    }
    return { namespaces };
  }
  // Compiled once: a large cluster has tens of thousands of workloads.
  const selector = compileLabelSelector(
    parseLabelSelectorString(mapping.labelSelector ?? ''),
  );
  const workloadsFailed = failed('pods') ?? failed('controllers');
  const namespaces = report.namespaces.filter(ns =>
    ns.workloads.some(w => selector.matches(w.labels ?? {})),
  );
  if (namespaces.length === 0 && workloadsFailed) {
    return {
      namespaces,
      error: `The entity's namespaces are found through its workloads, and they could not be read: ${workloadsFailed.reason}`,
    };
  }
  return { namespaces };
}

/**
 * Builds what the entity tab shows: for each cluster the entity may run on,
 * its namespaces' outcomes. Pure: the caller supplies the stored clusters.
 * A cluster whose latest scan failed never shows `pass`: its results are
 * `unknown`, with the last known outcome in the reason.
 */
export function buildEntityClusterViews(
  mapping: EntityMapping,
  stored: StoredCluster[],
): EntityClusterView[] {
  if (!mapping.mapped) return [];
  const wanted = mapping.clusters ? new Set(mapping.clusters) : undefined;
  const views: EntityClusterView[] = [];
  for (const c of stored) {
    if (wanted && !wanted.has(c.cluster)) continue;
    const cluster = { name: c.cluster, title: c.title };
    if (!c.report) {
      const error = c.lastError ?? 'The cluster has not been scanned yet.';
      views.push({
        cluster,
        state: 'error',
        error,
        results: [],
        namespaces: (mapping.namespaces ?? []).map(ns =>
          unknownNamespace(c.cluster, ns, `The cluster could not be scanned: ${error}`),
        ),
      });
      continue;
    }
    const stale = isStale(c);
    const report = effectiveReport(c)!;
    const selected = selectNamespaces(report, mapping);
    if (!stale && !selected.error && selected.namespaces.length === 0 && !wanted) {
      // Nothing of the entity runs here: leave the cluster out.
      continue;
    }
    views.push({
      cluster,
      state: stale || selected.error ? 'error' : 'ok',
      error: stale ? staleReason(c) : selected.error,
      scannedAt: report.scannedAt,
      results: report.results,
      namespaces: selected.namespaces,
    });
  }
  return views;
}
