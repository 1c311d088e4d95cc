/**
 * Per-workload reach summary, computed for every workload of the cluster
 * without comparing every pod with every other pod.
 *
 * - fromOutsideCluster: some address outside the cluster may connect on
 *   some port: the workload is not isolated for ingress, or one of its
 *   ingress rules allows all sources or an ipBlock with addresses left
 *   after `except`.
 * - fromOtherNamespaces: some existing pod (or template) of another
 *   namespace may connect on some port: its egress side AND the workload's
 *   ingress side both allow it, on a common port. This is exactly "there is
 *   a pod P elsewhere with checkReachability(P → workload) allowed".
 *
 * How it stays fast: sources are pod shapes grouped per namespace by their
 * set of egress policies ("egress groups"); a group with no egress policy
 * is open and reaches anything. For one target the search first looks for
 * an open group among the namespaces its ingress admits (cached per
 * selector pair), then only among the isolated groups whose egress can
 * point at the target's namespace (an inverted index by namespaceSelector),
 * or the namespaces the target admits, whichever is smaller.
 */
import type {
  ClusterIndex,
  NamespaceInfo,
  PodShape,
} from '../engine/clusterIndex';
import type { KeyedSelector } from '../selectors/labelSelector';
import { isEmptyPortSet, portsIntersect } from '../semantics/ports';
import {
  describeEgress,
  EgressGroup,
  egressTo,
  groupByEgress,
  openSource,
} from './egressGroups';
import { ModelReach } from './modelReach';
import {
  canonicalShapes,
  exampleSources,
  ReachSummary,
  summariseReach,
} from './reachSummary';
import { admissions, reachableFromOutside } from './targetAdmissions';


export class ReachAnalyzer {
  private readonly groupsByNamespace = new Map<string, EgressGroup[]>();
  private readonly openNamespaces = new Set<string>();
  private readonly openHits = new Map<string, string[]>();
  /** Isolated groups with an egress rule toward every destination. */
  private readonly everywhereGroups: EgressGroup[] = [];
  /** Isolated groups per namespaceSelector key used in their egress peers. */
  private readonly groupsBySelector = new Map<
    string,
    { selector: KeyedSelector; groups: Set<EgressGroup> }
  >();
  private readonly reachListCache = new Map<string, EgressGroup[]>();
  private readonly reachEstimates = new Map<string, number>();
  private readonly isolatedBySelector = new Map<string, EgressGroup[]>();
  private entriesByNamespace?: Map<
    string,
    Array<{ selector: KeyedSelector; groups: Set<EgressGroup> }>
  >;

  private readonly model?: ModelReach;

  /** Every shape, in an order independent of the input's (the sources the reasons name). */
  private readonly ordered: PodShape[];

  /** An example source of another namespace, for a "no". */
  private readonly exampleSource: (target: PodShape) => PodShape | undefined;

  constructor(private readonly index: ClusterIndex) {
    this.ordered = canonicalShapes(index);
    this.exampleSource = exampleSources(this.ordered);
    if (index.models.beyondNetworkPolicies)
      this.model = new ModelReach(index, this.ordered);
    const byNamespace = new Map<string, PodShape[]>();
    for (const shape of this.ordered) {
      let list = byNamespace.get(shape.namespace);
      if (!list) byNamespace.set(shape.namespace, (list = []));
      list.push(shape);
    }
    for (const [namespace, shapes] of byNamespace) {
      const groups = groupByEgress(namespace, shapes);
      this.groupsByNamespace.set(namespace, groups);
      if (groups.some(g => g.open)) this.openNamespaces.add(namespace);
      for (const g of groups) if (!g.open) this.registerIsolated(g);
    }
  }

  /** Indexes an isolated group by the namespaceSelectors its egress points with. */
  private registerIsolated(group: EgressGroup): void {
    describeEgress(group);
    for (const sel of group.namespaceSelectors) {
      let entry = this.groupsBySelector.get(sel.key);
      if (!entry)
        this.groupsBySelector.set(
          sel.key,
          (entry = { selector: sel, groups: new Set() }),
        );
      entry.groups.add(group);
    }
    if (group.everywhere) this.everywhereGroups.push(group);
  }

  /** Isolated groups of the namespaces a namespaceSelector matches (cached per selector). */
  private isolatedGroupsIn(selector: KeyedSelector): EgressGroup[] {
    let hit = this.isolatedBySelector.get(selector.key);
    if (!hit) {
      hit = [];
      for (const n of this.namespacesMatching(selector)) {
        for (const g of this.groupsByNamespace.get(n) ?? [])
          if (!g.open) hit.push(g);
      }
      this.isolatedBySelector.set(selector.key, hit);
    }
    return hit;
  }

  /** Whether an isolated group has an egress rule that can point at pods of `ns`. */
  private canPointAt(group: EgressGroup, ns: NamespaceInfo): boolean {
    if (group.namespace === ns.name) return false;
    if (group.everywhere) return true;
    for (const sel of group.namespaceSelectors)
      if (sel.matchesKeyed(ns.labels, ns.memoKey)) return true;
    return false;
  }

  private namespacesMatching(selector: KeyedSelector): string[] {
    return this.index.namespacesMatching(selector);
  }

  private groupHas(
    group: EgressGroup,
    selector: KeyedSelector | undefined,
  ): boolean {
    if (!selector || selector.selectsAll) return group.shapes.length > 0;
    let hit = group.podSelectorHits.get(selector.key);
    if (hit === undefined) {
      hit = group.shapes.some(s =>
        selector.matchesKeyed(s.labels, s.labelsKey),
      );
      group.podSelectorHits.set(selector.key, hit);
    }
    return hit;
  }

  /** Up to two namespaces with an open source matching both selectors (two: one may be the target's own). */
  private openNamespacesFor(
    nsSel: KeyedSelector,
    podSel: KeyedSelector | undefined,
  ): string[] {
    const key = `${nsSel.key}\u0004${podSel?.key ?? ''}`;
    let hit = this.openHits.get(key);
    if (!hit) {
      hit = [];
      for (const n of this.namespacesMatching(nsSel)) {
        if (!this.openNamespaces.has(n)) continue;
        const groups = this.groupsByNamespace.get(n) ?? [];
        if (groups.some(g => g.open && this.groupHas(g, podSel))) {
          hit.push(n);
          if (hit.length === 2) break;
        }
      }
      this.openHits.set(key, hit);
    }
    return hit;
  }

  /** An upper bound of the number of isolated groups whose egress can point at `ns`, without listing them. */
  private reachEstimate(ns: NamespaceInfo): number {
    let n = this.reachEstimates.get(ns.name);
    if (n === undefined) {
      n = this.everywhereGroups.length;
      for (const { groups } of this.selectorEntriesFor(ns)) n += groups.size;
      this.reachEstimates.set(ns.name, n);
    }
    return n;
  }

  /** The egress namespaceSelectors (with their groups) that match `ns`, from an index built in one pass. */
  private selectorEntriesFor(
    ns: NamespaceInfo,
  ): Array<{ selector: KeyedSelector; groups: Set<EgressGroup> }> {
    if (!this.entriesByNamespace) {
      this.entriesByNamespace = new Map();
      for (const entry of this.groupsBySelector.values()) {
        for (const n of this.namespacesMatching(entry.selector)) {
          let list = this.entriesByNamespace.get(n);
          if (!list) this.entriesByNamespace.set(n, (list = []));
          list.push(entry);
        }
      }
    }
    return this.entriesByNamespace.get(ns.name) ?? [];
  }

  /** Isolated groups of other namespaces whose egress rules can point at `ns` (listed once per namespace). */
  private reachList(ns: NamespaceInfo): EgressGroup[] {
    let hit = this.reachListCache.get(ns.name);
    if (!hit) {
      const set = new Set<EgressGroup>();
      const add = (g: EgressGroup) => {
        if (g.namespace !== ns.name) set.add(g);
      };
      this.everywhereGroups.forEach(add);
      for (const { groups } of this.selectorEntriesFor(ns)) groups.forEach(add);
      hit = [...set];
      this.reachListCache.set(ns.name, hit);
    }
    return hit;
  }

  fromOtherNamespaces(target: PodShape): boolean {
    return this.sourceReaching(target) !== undefined;
  }

  /** A pod shape of another namespace that can connect to `target` on some port. */
  sourceReaching(target: PodShape): PodShape | undefined {
    const t = target.namespace;
    const entries = admissions(target);
    if (entries.length === 0) return undefined;

    // 1. An open source (no egress policy) admitted by the target.
    const openElsewhere =
      this.openNamespaces.size - (this.openNamespaces.has(t) ? 1 : 0) > 0;
    for (const e of entries) {
      if (!openElsewhere) break;
      const namespaces = e.any
        ? [...this.openNamespaces]
        : this.openNamespacesFor(e.namespaceSelector!, e.podSelector);
      for (const n of namespaces) {
        if (n === t) continue;
        const hit = openSource(
          this.groupsByNamespace.get(n) ?? [],
          e.any ? undefined : e.podSelector,
        );
        if (hit) return hit;
      }
    }

    // 2. An isolated source whose egress reaches the target on a port the target admits:
    // walk the smaller of "groups that can point at the target's namespace" and
    // "groups of the namespaces the target admits".
    const targetNs = this.index.namespaces.get(t)!;
    let candidates: EgressGroup[] | undefined;
    let viaAdmitted = false;
    if (!entries.some(e => e.any)) {
      const lists = entries.map(e =>
        this.isolatedGroupsIn(e.namespaceSelector!),
      );
      let size = 0;
      for (const l of lists) size += l.length;
      if (size <= this.reachEstimate(targetNs)) {
        viaAdmitted = true;
        candidates = lists.length === 1 ? lists[0] : [...new Set(lists.flat())];
      }
    }
    candidates ??= this.reachList(targetNs);
    for (const g of candidates) {
      if (g.namespace === t) continue;
      if (viaAdmitted && !this.canPointAt(g, targetNs)) continue;
      const ns = this.index.namespaces.get(g.namespace)!;
      // Cheap memoised checks first; the group's egress toward the target last.
      const eligible = entries.filter(
        e =>
          (e.any || e.namespaceSelector!.matchesKeyed(ns.labels, ns.memoKey)) &&
          (e.any || this.groupHas(g, e.podSelector)),
      );
      if (eligible.length === 0) continue;
      const ports = egressTo(g, target);
      if (isEmptyPortSet(ports)) continue;
      const e = eligible.find(x => portsIntersect(x.ports, ports));
      if (e)
        return g.shapes.find(
          s => e.any || !e.podSelector || e.podSelector.matchesKeyed(s.labels, s.labelsKey),
        );
    }
    return undefined;
  }

  fromOutsideCluster(target: PodShape): boolean {
    return reachableFromOutside(target);
  }

  summarise(shapes: PodShape[]): ReachSummary {
    // Beyond NetworkPolicies the indexes above do not apply: ask the model.
    const model = this.model;
    return summariseReach(shapes, {
      sourceReaching: s =>
        model ? model.sourceReaching(s) : this.sourceReaching(s),
      fromOutsideCluster: s =>
        model ? model.fromOutsideCluster(s) : this.fromOutsideCluster(s),
      exampleSource: this.exampleSource,
    });
  }
}
