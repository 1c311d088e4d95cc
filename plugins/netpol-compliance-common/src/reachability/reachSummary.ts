/**
 * The per-workload reach summary: the two answers, each with what decided
 * it (reachReasons.ts). The searches are the analyzer's (workloadReach.ts
 * for NetworkPolicies alone, modelReach.ts beyond them); a workload whose
 * pods differ is reachable when one of its pod shapes is, and the reason
 * is that shape's.
 */
import type { ClusterIndex, PodShape } from '../engine/clusterIndex';
import { compareText } from '../semantics/compareText';
import { admittedOutsideAddress } from './modelReach';
import { otherNamespacesReason, outsideReason, ReachReasons } from './reachReasons';

/** @public */
export interface ReachSummary {
  fromOtherNamespaces: boolean;
  fromOutsideCluster: boolean;
  /** What decided each answer: the tier, policy and rule, as `reach` words it. */
  why?: ReachReasons;
}

export interface ReachSearch {
  /** A source of another namespace that can connect, if any. */
  sourceReaching(target: PodShape): PodShape | undefined;
  fromOutsideCluster(target: PodShape): boolean;
  /** A source of another namespace to explain a "no" with. */
  exampleSource(target: PodShape): PodShape | undefined;
}

export function summariseReach(
  shapes: PodShape[],
  search: ReachSearch,
): ReachSummary {
  if (shapes.length === 0)
    return { fromOtherNamespaces: false, fromOutsideCluster: false };
  let source: PodShape | undefined;
  let sourceTarget = shapes[0];
  for (const s of shapes) {
    source = search.sourceReaching(s);
    if (source) {
      sourceTarget = s;
      break;
    }
  }
  const outsideTarget = shapes.find(s => search.fromOutsideCluster(s));
  const target = outsideTarget ?? shapes[0];
  return {
    fromOtherNamespaces: source !== undefined,
    fromOutsideCluster: outsideTarget !== undefined,
    why: {
      fromOtherNamespaces: otherNamespacesReason(
        sourceTarget,
        source ?? search.exampleSource(sourceTarget),
      ),
      fromOutsideCluster: outsideReason(
        target,
        outsideTarget ? admittedOutsideAddress(target) : undefined,
      ),
    },
  };
}

/**
 * Every pod shape in an order that does not depend on the input's: by
 * namespace, labels, ports and service account. The searches walk it, so
 * the source an explanation names is the same however the objects came.
 */
export function canonicalShapes(index: ClusterIndex): PodShape[] {
  const out: PodShape[] = [];
  for (const namespace of index.namespaceNames) {
    const shapes = index.shapesByNamespace.get(namespace);
    if (!shapes) continue;
    out.push(
      ...[...shapes].sort(
        (a, b) =>
          compareText(a.labelsKey, b.labelsKey) ||
          compareText(a.portsKey, b.portsKey) ||
          compareText(a.serviceAccount, b.serviceAccount),
      ),
    );
  }
  return out;
}

/**
 * The first shape (of `ordered`) in another namespace than the target's:
 * the example source of a "no". Two answers at most, remembered.
 */
export function exampleSources(
  ordered: PodShape[],
): (target: PodShape) => PodShape | undefined {
  let second: PodShape | null | undefined;
  return target => {
    const first = ordered[0];
    if (!first || first.namespace !== target.namespace) return first;
    if (second === undefined)
      second = ordered.find(s => s.namespace !== first.namespace) ?? null;
    return second ?? undefined;
  };
}
