import { Entity, parseEntityRef, RELATION_OWNED_BY, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CompiledLabelSelector,
  compileLabelSelector,
  parseLabelSelectorString,
} from '@netpol/plugin-netpol-compliance-common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { EntityMappingOptions, mapEntity } from '../mapping/entityMapping';
import { loadWorkloadLabels, ReportIndex } from '../store/reportParts';

/**
 * The most the index build holds the event loop at once: a large catalog
 * takes a few hundred milliseconds to index, and requests of every plugin
 * in the backend would otherwise wait that long behind it.
 */
const SLICE_MS = 5;

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
 * Paces a long loop: `due()` says whether SLICE_MS have passed since the
 * loop last gave the event loop back, and `pause()` gives it back. Asked on
 * every step, which costs a clock read: steps differ in cost a thousandfold
 * (an entity whose selector has no `matchLabels` is tested against every
 * namespace), so asking every n steps let one slice run past 80 ms at L.
 */
interface EventLoopSlicer {
  due(): boolean;
  pause(): Promise<void>;
}

function eventLoopSlicer(): EventLoopSlicer {
  let sliceStart = performance.now();
  return {
    due: () => performance.now() - sliceStart > SLICE_MS,
    pause: async () => {
      await yieldToEventLoop();
      sliceStart = performance.now();
    },
  };
}

function addOwnership(index: NamespaceOwnerIndex, key: string, entityRef: string, owners: string[]) {
  let entry = index.get(key);
  if (!entry) index.set(key, (entry = { entities: [], owners: [] }));
  if (!entry.entities.includes(entityRef)) entry.entities.push(entityRef);
  for (const o of owners) if (!entry.owners.includes(o)) entry.owners.push(o);
}

/** An entity mapped by label selector, to be matched against the workloads' labels. */
interface BySelector {
  ref: string;
  owners: string[];
  clusters: Set<string>;
  selector: CompiledLabelSelector;
  /** The first `matchLabels` pair: the candidates are the namespaces with a workload carrying it. */
  firstLabel?: [string, string];
}

/**
 * The entities first: those mapped by namespace go into the index at once;
 * those mapped by selector are returned, with the label keys their
 * selectors look up first, so that only those are indexed (a large
 * cluster's workloads carry a dozen labels each).
 */
async function placeEntities(
  entities: Entity[],
  reports: ReportIndex[],
  mappingOptions: EntityMappingOptions,
  index: NamespaceOwnerIndex,
  slicer: EventLoopSlicer,
): Promise<{ bySelector: BySelector[]; indexedKeys: Set<string> }> {
  const namespacesOf = new Map(reports.map(r => [r.head.cluster.name, new Set(r.namespaces.map(n => n.namespace))]));
  const bySelector: BySelector[] = [];
  const indexedKeys = new Set<string>();
  for (const entity of entities) {
    if (slicer.due()) await slicer.pause();
    const mapping = mapEntity(entity, mappingOptions);
    if (!mapping.mapped) continue;
    const ref = stringifyEntityRef(entity);
    const owners = ownersOf(entity);
    const clusters = reports
      .map(r => r.head.cluster.name)
      .filter(name => !mapping.clusters || mapping.clusters.includes(name));
    if (mapping.namespaces) {
      for (const name of clusters) {
        for (const ns of mapping.namespaces) {
          if (namespacesOf.get(name)!.has(ns)) addOwnership(index, namespaceKey(name, ns), ref, owners);
        }
      }
      continue;
    }
    const parsed = parseLabelSelectorString(mapping.labelSelector ?? '');
    const firstLabel = Object.entries(parsed.matchLabels ?? {})[0];
    if (firstLabel) indexedKeys.add(firstLabel[0]);
    bySelector.push({ ref, owners, clusters: new Set(clusters), selector: compileLabelSelector(parsed), firstLabel });
  }
  return { bySelector, indexedKeys };
}

/** The workloads' label sets by namespace key, and label "k=v" (indexed keys only) to the namespaces with a workload carrying it. */
async function indexWorkloadLabels(reports: ReportIndex[], indexedKeys: Set<string>, slicer: EventLoopSlicer) {
  const byLabel = new Map<string, string[]>();
  const workloadsByKey = new Map<string, Array<Record<string, string>>>();
  const clusterOfKey = new Map<string, string>();
  for (const report of reports) {
    const cluster = report.head.cluster.name;
    for (const ns of report.namespaces) {
      if (slicer.due()) await slicer.pause();
      const key = namespaceKey(cluster, ns.namespace);
      clusterOfKey.set(key, cluster);
      workloadsByKey.set(key, ns.workloadLabels);
      for (const labels of ns.workloadLabels) {
        for (const k of indexedKeys) {
          const v = labels[k];
          if (typeof v !== 'string') continue;
          const label = `${k}=${v}`;
          let keys = byLabel.get(label);
          if (!keys) byLabel.set(label, (keys = []));
          if (keys[keys.length - 1] !== key) keys.push(key);
        }
      }
    }
  }
  return { byLabel, workloadsByKey, clusterOfKey };
}

/**
 * Maps every namespace of every report to the entities that run there and
 * their owners. Entities found by label selector are matched through an
 * index of workload labels, so the cost grows with entities plus workloads,
 * not their product. Gives the event loop back every SLICE_MS.
 */
export async function buildNamespaceOwnerIndex(
  entities: Entity[],
  reports: ReportIndex[],
  mappingOptions: EntityMappingOptions = {},
): Promise<NamespaceOwnerIndex> {
  await loadWorkloadLabels(reports);
  const slicer = eventLoopSlicer();
  const index: NamespaceOwnerIndex = new Map();
  const { bySelector, indexedKeys } = await placeEntities(entities, reports, mappingOptions, index, slicer);
  if (bySelector.length === 0) return index;

  const { byLabel, workloadsByKey, clusterOfKey } = await indexWorkloadLabels(reports, indexedKeys, slicer);
  for (const e of bySelector) {
    const candidates = e.firstLabel
      ? byLabel.get(`${e.firstLabel[0]}=${e.firstLabel[1]}`) ?? []
      : workloadsByKey.keys();
    for (const key of candidates) {
      if (slicer.due()) await slicer.pause();
      if (!e.clusters.has(clusterOfKey.get(key)!)) continue;
      if (workloadsByKey.get(key)!.some(labels => e.selector.matches(labels))) addOwnership(index, key, e.ref, e.owners);
    }
  }
  return index;
}
