import { Entity, parseEntityRef, RELATION_OWNED_BY, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ClusterReport,
  CompiledLabelSelector,
  compileLabelSelector,
  parseLabelSelectorString,
} from '@netpol/plugin-netpol-compliance-common';
import { mapEntity } from '../mapping/entityMapping';

/** Who owns a namespace of a cluster: the entities mapping to it and their owners. */
export interface NamespaceOwnership {
  entities: string[];
  owners: string[];
}

export type NamespaceOwnerIndex = Map<string, NamespaceOwnership>;

export const namespaceKey = (cluster: string, namespace: string) => `${cluster}/${namespace}`;

function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length) return related;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }))];
  } catch {
    return [];
  }
}

/**
 * Maps every namespace of every report to the entities that run there and
 * their owners. Entities found by label selector are matched through an
 * index of workload labels, so the cost grows with entities plus workloads,
 * not their product.
 */
export function buildNamespaceOwnerIndex(
  entities: Entity[],
  reports: ClusterReport[],
): NamespaceOwnerIndex {
  const index: NamespaceOwnerIndex = new Map();
  const add = (key: string, entityRef: string, owners: string[]) => {
    let entry = index.get(key);
    if (!entry) index.set(key, (entry = { entities: [], owners: [] }));
    if (!entry.entities.includes(entityRef)) entry.entities.push(entityRef);
    for (const o of owners) if (!entry.owners.includes(o)) entry.owners.push(o);
  };

  // label "k=v" -> namespaces (cluster/namespace keys) with a workload carrying it
  const byLabel = new Map<string, Set<string>>();
  const workloadsByKey = new Map<string, Array<Record<string, string>>>();
  for (const report of reports) {
    for (const ns of report.namespaces) {
      const key = namespaceKey(report.cluster.name, ns.namespace);
      workloadsByKey.set(key, ns.workloads.map(w => w.labels));
      for (const w of ns.workloads) {
        for (const [k, v] of Object.entries(w.labels)) {
          const label = `${k}=${v}`;
          let set = byLabel.get(label);
          if (!set) byLabel.set(label, (set = new Set()));
          set.add(key);
        }
      }
    }
  }

  const namespacesOf = new Map(
    reports.map(r => [r.cluster.name, new Set(r.namespaces.map(n => n.namespace))]),
  );
  for (const entity of entities) {
    const mapping = mapEntity(entity);
    if (!mapping.mapped) continue;
    const ref = stringifyEntityRef(entity);
    const owners = ownersOf(entity);
    const clusters = reports.filter(r => !mapping.clusters || mapping.clusters.includes(r.cluster.name));
    if (mapping.namespaces) {
      for (const r of clusters) {
        for (const ns of mapping.namespaces) {
          if (namespacesOf.get(r.cluster.name)!.has(ns)) add(namespaceKey(r.cluster.name, ns), ref, owners);
        }
      }
      continue;
    }
    // mapEntity has checked that the selector parses.
    const parsed = parseLabelSelectorString(mapping.labelSelector ?? '');
    const selector: CompiledLabelSelector = compileLabelSelector(parsed);
    const firstLabel = Object.entries(parsed.matchLabels ?? {})[0];
    const allowedClusters = new Set(clusters.map(r => r.cluster.name));
    const candidates = firstLabel
      ? [...(byLabel.get(`${firstLabel[0]}=${firstLabel[1]}`) ?? [])]
      : [...workloadsByKey.keys()];
    for (const key of candidates) {
      if (!allowedClusters.has(key.slice(0, key.indexOf('/')))) continue;
      if (workloadsByKey.get(key)!.some(labels => selector.matches(labels))) add(key, ref, owners);
    }
  }
  return index;
}
