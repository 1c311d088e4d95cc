/** The cluster as compilers see it (see ModelContext). */
import type { Labels } from '../selectors/labelSelector';
import type { ModelContext, ModelPod } from './types';
import { NamespaceProbe, namespaceProbes, probePods } from './modelPod';

/** A context over the given namespaces (and one created tomorrow). */
export function modelContext(namespaces: NamespaceProbe[]): ModelContext {
  let probes: ModelPod[] | undefined;
  const all = namespaceProbes(namespaces);
  const memo = new Map<string, boolean>();
  return {
    everyNamespace(matches: (labels: Labels) => boolean, key?: string) {
      const hit = key !== undefined ? memo.get(key) : undefined;
      if (hit !== undefined) return hit;
      const r = all.every(ns => matches(ns.labels));
      if (key !== undefined) memo.set(key, r);
      return r;
    },
    probePods() {
      probes ??= probePods(namespaces);
      return probes;
    },
  };
}

/** Without a cluster: only a namespace created tomorrow is probed. */
export function defaultModelContext(): ModelContext {
  return modelContext([]);
}
