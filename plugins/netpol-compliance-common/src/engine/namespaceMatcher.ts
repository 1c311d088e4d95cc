/**
 * Which namespaces a namespaceSelector matches, looked up through a label
 * index (a cluster has thousands of namespaces and often one selector per
 * namespace name), cached per selector. Results are sorted names.
 */
import type { CompiledLabelSelector, Labels } from '../selectors/labelSelector';
import { compareText } from '../semantics/compareText';


export function namespaceMatcher(
  namespaces: Map<string, { labels: Labels }>,
  namespaceNames: string[],
): (selector: CompiledLabelSelector) => string[] {
  let labelIndex: Map<string, Map<string, string[]>> | undefined;
  const postings = (key: string, value: string): string[] => {
    if (!labelIndex) {
      labelIndex = new Map();
      for (const n of namespaceNames) {
        const labels = namespaces.get(n)!.labels;
        for (const k of Object.keys(labels)) {
          let byValue = labelIndex.get(k);
          if (!byValue) labelIndex.set(k, (byValue = new Map()));
          let names = byValue.get(labels[k]);
          if (!names) byValue.set(labels[k], (names = []));
          names.push(n);
        }
      }
    }
    return labelIndex.get(key)?.get(value) ?? [];
  };
  const matchingCache = new Map<string, string[]>();
  const namespacesMatching = (selector: CompiledLabelSelector): string[] => {
    if (!selector.valid) return [];
    if (selector.selectsAll) return namespaceNames;
    let hit = matchingCache.get(selector.key);
    if (hit) return hit;
    let candidates = namespaceNames;
    for (const [key, values] of selector.requiredValues) {
      const found =
        values.length === 1
          ? postings(key, values[0])
          : [...new Set(values.flatMap(v => postings(key, v)))].sort(compareText);
      if (found.length < candidates.length) candidates = found;
    }
    hit = candidates.filter(n => selector.matches(namespaces.get(n)!.labels));
    matchingCache.set(selector.key, hit);
    return hit;
  };
  return namespacesMatching;
}
