/** The cluster as compilers see it (see ModelContext). */
import type { Labels } from '../selectors/labelSelector';
import type { ModelContext, ModelPod } from './types';
import { NamespaceProbe, namespaceProbes, probePods } from './modelPod';
import { holdsForEveryPod, mayHoldInNamespace } from './everyPod';

/** A context over the given namespaces (and one created tomorrow). */
export function modelContext(
  namespaces: NamespaceProbe[] | (() => NamespaceProbe[]),
): ModelContext {
  // Read on first use: compilers run while the namespaces are still being collected.
  const list = () => (typeof namespaces === 'function' ? namespaces() : namespaces);
  let probes: ModelPod[] | undefined;
  let all: NamespaceProbe[] | undefined;
  const memo = new Map<string, boolean>();
  return {
    everyNamespace(matches: (labels: Labels) => boolean, key?: string) {
      const hit = key !== undefined ? memo.get(key) : undefined;
      if (hit !== undefined) return hit;
      all ??= namespaceProbes(list());
      const r = all.every(ns => matches(ns.labels));
      if (key !== undefined) memo.set(key, r);
      return r;
    },
    probePods() {
      probes ??= probePods(list());
      return probes;
    },
    everyPod(match) {
      all ??= namespaceProbes(list());
      return all.every(ns => holdsForEveryPod(ns.name, ns.labels, match));
    },
    someEverywhere(match) {
      all ??= namespaceProbes(list());
      return all.every(ns => mayHoldInNamespace(ns.name, ns.labels, match));
    },
  };
}

/** Without a cluster: only a namespace created tomorrow is probed. */
export function defaultModelContext(): ModelContext {
  return modelContext([]);
}
