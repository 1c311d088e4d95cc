/**
 * Everything derived from a snapshot once, before any control runs:
 * namespaces by name, policies compiled and grouped by namespace, workloads
 * resolved, and pods folded into "pod shapes" (namespace + labels + ports).
 *
 * Shapes are what keeps a 100,000-pod cluster cheap: the replicas of a
 * workload share one shape, and policy selection, coverage and
 * reachability are computed per shape, not per pod.
 */
import type {
  ClusterSnapshot,
  ContainerPortSnapshot,
  PodSnapshot,
} from '../snapshot/types';
import type { CompiledLabelSelector, Labels } from '../selectors/labelSelector';
import { CompileCache } from '../semantics/compileCache';
import type { CompiledPolicy } from '../semantics/compilePolicy';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
import { parseIp } from '../semantics/ipBlock';
import type { ModelPolicy } from '../policyModel/types';
import { modelContext } from '../policyModel/context';
import { clusterScopedPolicies } from './clusterScopedPolicies';
import { buildModelIndex, ModelIndex } from './modelIndex';
import { namespaceMatcher } from './namespaceMatcher';
import { cmp } from './shapeKeys';
import type { ResolvedWorkload } from '../workloads/resolveWorkloads';
import { compilePolicies } from './compiledPolicies';
import { indexWorkloads } from './indexWorkloads';
import { PodShape, PodShapes } from './podShapes';

export type { PodShape } from './podShapes';
import { NamespaceInfo, namespaceInfo } from './namespaceInfo';

export type { NamespaceInfo } from './namespaceInfo';

export interface IndexedWorkload extends ResolvedWorkload {
  shapes: PodShape[];
}

export interface ClusterIndex {
  snapshot: ClusterSnapshot;
  namespaces: Map<string, NamespaceInfo>;
  /** Sorted names. */
  namespaceNames: string[];
  policiesByNamespace: Map<string, CompiledPolicy[]>;
  otherByNamespace: Map<string, CompiledOtherPolicy[]>;
  otherClusterWide: CompiledOtherPolicy[];
  workloadsByNamespace: Map<string, IndexedWorkload[]>;
  shapesByNamespace: Map<string, PodShape[]>;
  shapes: PodShape[];
  selectors: CompileCache;
  /** Every policy in the policy model. */
  models: ModelIndex;
  /** Pods by normalised IP (live, non-hostNetwork pods only), built on first use. */
  podsByIp(): Map<string, PodSnapshot>;
  /** Pods by `namespace/name`, built on first use. */
  podsByName(): Map<string, PodSnapshot>;
  /**
   * Names of the namespaces a namespaceSelector matches, sorted; looked up
   * through a label index (a cluster has thousands of namespaces and often
   * one selector per namespace name), cached per selector.
   */
  namespacesMatching(selector: CompiledLabelSelector): string[];
  /**
   * The shape of a pod with these labels and ports: the indexed one when it
   * exists, otherwise computed without being added (finished pods, queries).
   */
  shapeOf(
    namespace: string,
    labels: Labels,
    ports: ContainerPortSnapshot[],
    serviceAccount?: string,
  ): PodShape;
}

/** Options for tests: the cluster-scoped model policies instead of `clusterScopedPolicies`. */
export interface ClusterIndexOptions {
  clusterScoped?: ModelPolicy[];
}

export function buildClusterIndex(
  snapshot: ClusterSnapshot,
  options: ClusterIndexOptions = {},
): ClusterIndex {
  const namespaces = new Map<string, NamespaceInfo>();
  const ctx = modelContext(() =>
    [...namespaces.values()].map(n => ({ name: n.name, labels: n.labels })),
  );
  for (const ns of snapshot.namespaces ?? [])
    namespaces.set(ns.name, namespaceInfo(ns, ns.name));
  const ensure = (name: string | undefined) => {
    if (name && !namespaces.has(name))
      namespaces.set(name, namespaceInfo(undefined, name));
  };

  const selectors = new CompileCache();
  const compiled = compilePolicies(snapshot, selectors, ctx, ensure);
  for (const p of snapshot.pods ?? []) ensure(p.namespace);
  for (const c of snapshot.controllers ?? []) ensure(c.namespace);

  const models = buildModelIndex(
    compiled.policiesByNamespace,
    compiled.otherByNamespace,
    compiled.otherClusterWide,
    options.clusterScoped ?? clusterScopedPolicies(snapshot, ctx),
    ctx,
  );
  const shapes = new PodShapes(namespaces, compiled, models);
  const workloadsByNamespace = indexWorkloads(snapshot, shapes, ensure);

  const namespaceNames = [...namespaces.keys()].sort(cmp);
  const namespacesMatching = namespaceMatcher(namespaces, namespaceNames);
  const pods = lazyPodIndexes(snapshot);
  return {
    snapshot,
    namespaces,
    namespaceNames,
    namespacesMatching,
    ...compiled,
    workloadsByNamespace,
    shapesByNamespace: shapes.byNamespace,
    shapes: shapes.all,
    selectors,
    models,
    ...pods,
    shapeOf: (namespace, labels, ports, serviceAccount) =>
      shapes.shapeFor(namespace, labels, ports, serviceAccount, false),
  };
}

/** Pods by address and by name, each built on first use (most evaluations need neither). */
function lazyPodIndexes(snapshot: ClusterSnapshot): Pick<ClusterIndex, 'podsByIp' | 'podsByName'> {
  let ipIndex: Map<string, PodSnapshot> | undefined;
  let nameIndex: Map<string, PodSnapshot> | undefined;
  return {
    podsByIp() {
      if (!ipIndex) {
        ipIndex = new Map();
        for (const p of snapshot.pods ?? []) {
          if (p.hostNetwork || p.phase === 'Succeeded' || p.phase === 'Failed')
            continue;
          for (const ip of p.podIPs ?? []) {
            const key = parseIp(ip)?.toString();
            if (key && !ipIndex.has(key)) ipIndex.set(key, p);
          }
        }
      }
      return ipIndex;
    },
    podsByName() {
      if (!nameIndex) {
        nameIndex = new Map();
        for (const p of snapshot.pods ?? [])
          nameIndex.set(`${p.namespace}/${p.name}`, p);
      }
      return nameIndex;
    },
  };
}
