import {
  compileLabelSelector,
  EntityClusterView,
  EntityMapping,
  NAMESPACE_CONTROL_IDS,
  NamespaceReport,
  parseLabelSelectorString,
} from '@netpol/plugin-netpol-compliance-common';
import type { ReportIndex } from '../store/reportParts';
import type { StoredCluster } from '../store/ReportStore';
import { effectiveIndex, indexOf, isStale, markNamespaceStale, staleReason } from './staleness';
import { namespacesWithLabel } from './workloadLabelIndex';

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

/** What the view of one cluster needs: the entity's namespaces there, or why they cannot be told. */
export interface EntityViewPlan {
  stored: StoredCluster;
  index?: ReportIndex;
  /** Namespaces whose whole reports the view shows, in order. */
  names: string[];
  /** Namespaces the entity names that cannot be told (the namespace list failed). */
  unknown: Array<{ namespace: string; reason: string }>;
  error?: string;
}

/** The entity's namespaces in one report's index, or why they cannot be told. */
function selectNamespaces(
  index: ReportIndex,
  mapping: EntityMapping,
): Pick<EntityViewPlan, 'names' | 'unknown' | 'error'> {
  const failed = (resource: string) =>
    index.head.errors.find(e => e.resource === resource && !e.namespace);
  if (mapping.namespaces) {
    const present = new Set(index.namespaces.map(n => n.namespace));
    const namespacesFailed = failed('namespaces');
    const names: string[] = [];
    const unknown: EntityViewPlan['unknown'] = [];
    for (const name of mapping.namespaces) {
      if (present.has(name)) names.push(name);
      else if (namespacesFailed) {
        unknown.push({ namespace: name, reason: `Namespaces could not be listed: ${namespacesFailed.reason}` });
      }
      // Otherwise the namespace does not exist on this cluster: nothing runs there.
    }
    return { names, unknown };
  }
  // Compiled once: a large cluster has tens of thousands of workloads.
  const selector = compileLabelSelector(
    parseLabelSelectorString(mapping.labelSelector ?? ''),
  );
  const workloadsFailed = failed('pods') ?? failed('controllers');
  // A selector that requires a label value only looks where that value is.
  const [required] = selector.requiredValues;
  const candidates = required
    ? namespacesWithLabel(index, required[0], required[1]).map(p => index.namespaces[p])
    : index.namespaces;
  const names = candidates
    .filter(ns => ns.workloadLabels.some(labels => selector.matches(labels)))
    .map(ns => ns.namespace);
  if (names.length === 0 && workloadsFailed) {
    return {
      names,
      unknown: [],
      error: `The entity's namespaces are found through its workloads, and they could not be read: ${workloadsFailed.reason}`,
    };
  }
  return { names, unknown: [] };
}

/**
 * Which namespaces of which clusters the entity's view shows, from the
 * reports' indexes alone (no whole report is read). Pure.
 */
export function planEntityViews(mapping: EntityMapping, stored: StoredCluster[]): EntityViewPlan[] {
  if (!mapping.mapped) return [];
  const wanted = mapping.clusters ? new Set(mapping.clusters) : undefined;
  const plans: EntityViewPlan[] = [];
  for (const c of stored) {
    if (wanted && !wanted.has(c.cluster)) continue;
    const index = indexOf(c);
    if (!index) {
      plans.push({ stored: c, names: [], unknown: [] });
      continue;
    }
    const selected = selectNamespaces(index, mapping);
    if (!isStale(c) && !selected.error && selected.names.length === 0 && selected.unknown.length === 0 && !wanted) {
      // Nothing of the entity runs here: leave the cluster out.
      continue;
    }
    plans.push({ stored: c, index, ...selected });
  }
  return plans;
}

/**
 * Builds what the entity tab shows from the plans and the whole reports of
 * the planned namespaces. Pure. A cluster whose latest scan failed never
 * shows `pass`: its results are `unknown`, with the last known outcome in
 * the reason.
 */
export function renderEntityViews(
  mapping: EntityMapping,
  plans: EntityViewPlan[],
  namespacesOf: (plan: EntityViewPlan) => NamespaceReport[],
): EntityClusterView[] {
  return plans.map(plan => {
    const c = plan.stored;
    const cluster = { name: c.cluster, title: c.title };
    if (!plan.index) {
      const error = c.lastError ?? 'The cluster has not been scanned yet.';
      return {
        cluster,
        state: 'error',
        error,
        results: [],
        namespaces: (mapping.namespaces ?? []).map(ns =>
          unknownNamespace(c.cluster, ns, `The cluster could not be scanned: ${error}`),
        ),
      };
    }
    const stale = isStale(c);
    const why = stale ? staleReason(c) : '';
    const shown = namespacesOf(plan).map(ns => (stale ? markNamespaceStale(ns, why) : ns));
    const unknown = plan.unknown.map(u => unknownNamespace(c.cluster, u.namespace, u.reason));
    return {
      cluster,
      state: stale || plan.error ? 'error' : 'ok',
      error: stale ? why : plan.error,
      scannedAt: plan.index.head.scannedAt,
      results: effectiveIndex(c)!.head.results,
      namespaces: [...shown, ...unknown],
    };
  });
}

/** The entity's views over reports held whole (user-token scans, tests). */
export function buildEntityClusterViews(
  mapping: EntityMapping,
  stored: StoredCluster[],
): EntityClusterView[] {
  return renderEntityViews(mapping, planEntityViews(mapping, stored), plan => {
    const byName = new Map((plan.stored.report?.namespaces ?? []).map(n => [n.namespace, n]));
    return plan.names.flatMap(n => (byName.has(n) ? [byName.get(n)!] : []));
  });
}
