/**
 * Where an entity runs on one cluster, from its kubernetes annotations as
 * the entity tab maps them (EntityMapping): the workloads matching its
 * label selector, in its namespaces when it names some; with namespaces
 * and no selector, every workload of those namespaces.
 */
import type { EntityMapping } from '../api';
import type { ClusterIndex, IndexedWorkload } from '../engine/clusterIndex';
import { compileLabelSelector } from '../selectors/labelSelector';
import { parseLabelSelectorString } from '../selectors/parseLabelSelectorString';
import { CatalogComponent, CLUSTER_DNS, ConnectionEnd } from './types';

/** Label sets of a workload's pods, or its template's. */
export function workloadLabelSets(w: IndexedWorkload): Array<Record<string, string>> {
  if (w.livePods.length) return w.livePods.map(p => p.labels);
  return w.template ? [w.template.labels] : [];
}

function selectorMatcher(text: string | undefined) {
  if (!text) return () => true;
  try {
    const compiled = compileLabelSelector(parseLabelSelectorString(text));
    return (labels: Record<string, string>) => compiled.matches(labels);
  } catch {
    // A selector that does not parse maps to nothing, never to everything.
    return () => false;
  }
}

/** The entity's workloads on `index`'s cluster; empty when it does not run there. */
export function entityWorkloads(
  index: ClusterIndex,
  mapping: EntityMapping,
): ConnectionEnd[] {
  if (!mapping.mapped) return [];
  const cluster = index.snapshot.cluster.name;
  if (mapping.clusters && !mapping.clusters.includes(cluster)) return [];
  if (!mapping.labelSelector && !mapping.namespaces) return [];
  const matches = selectorMatcher(mapping.labelSelector);
  const namespaces = mapping.namespaces ?? index.namespaceNames;
  const out: ConnectionEnd[] = [];
  for (const namespace of namespaces) {
    for (const w of index.workloadsByNamespace.get(namespace) ?? []) {
      if (workloadLabelSets(w).some(matches)) out.push({ namespace, workload: w.id });
    }
  }
  return out;
}

/** The cluster DNS pods (`k8s-app=kube-dns` in kube-system, as CoreDNS keeps them). */
export function clusterDnsWorkloads(index: ClusterIndex): ConnectionEnd[] {
  return entityWorkloads(index, {
    mapped: true,
    namespaces: ['kube-system'],
    labelSelector: 'k8s-app=kube-dns',
  });
}

/** The workloads one end of a declared connection runs as on this cluster. */
export function connectionEnds(
  index: ClusterIndex,
  ref: string,
  components: CatalogComponent[],
): ConnectionEnd[] {
  if (ref === CLUSTER_DNS) return clusterDnsWorkloads(index);
  const c = components.find(x => x.ref.toLowerCase() === ref.toLowerCase());
  return c ? entityWorkloads(index, c.mapping) : [];
}
