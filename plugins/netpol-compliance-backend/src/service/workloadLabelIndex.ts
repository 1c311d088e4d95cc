import type { ReportIndex } from '../store/reportParts';

/**
 * Per report index and label key: the namespaces (positions in the index)
 * with a workload carrying each value of that key. Built the first time an
 * entity asks for the key, in one pass over the index's label sets, then
 * kept as long as the index itself (a new scan's index starts empty). At L
 * an entity lookup then reads a few positions instead of testing some
 * 80,000 workload label sets on every request.
 */
const byIndex = new WeakMap<ReportIndex, Map<string, Map<string, number[]>>>();

function valuesOfKey(index: ReportIndex, key: string): Map<string, number[]> {
  let keys = byIndex.get(index);
  if (!keys) byIndex.set(index, (keys = new Map()));
  let byValue = keys.get(key);
  if (byValue) return byValue;
  const built = new Map<string, number[]>();
  index.namespaces.forEach((ns, position) => {
    for (const labels of ns.workloadLabels) {
      // Own labels only: `constructor` is a valid label key.
      if (!Object.prototype.hasOwnProperty.call(labels, key)) continue;
      const list = built.get(labels[key]);
      if (!list) built.set(labels[key], [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  });
  keys.set(key, (byValue = built));
  return byValue;
}

/**
 * Positions, ascending, of the namespaces with a workload whose label `key`
 * has one of `values`: the only namespaces a selector requiring that can
 * match. The caller still tests the whole selector on them.
 */
export function namespacesWithLabel(index: ReportIndex, key: string, values: readonly string[]): number[] {
  const byValue = valuesOfKey(index, key);
  if (values.length === 1) return byValue.get(values[0]) ?? [];
  const positions = new Set<number>();
  for (const value of values) for (const p of byValue.get(value) ?? []) positions.add(p);
  return [...positions].sort((a, b) => a - b);
}
