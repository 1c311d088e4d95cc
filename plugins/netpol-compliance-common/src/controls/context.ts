/** What a namespace control looks at: one namespace, already indexed. */
import type {
  ClusterIndex,
  IndexedWorkload,
  NamespaceInfo,
  PodShape,
} from '../engine/clusterIndex';
import type { ModelPolicy } from '../policyModel/types';
import type { MissingLookup } from '../engine/missingData';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
import type { CompiledPolicy } from '../semantics/compilePolicy';
import type { SnapshotResource, MissingData } from '../snapshot/types';
import type { PolicyRef, WorkloadRef } from '../report';

export interface WorkloadCoverage {
  workload: IndexedWorkload;
  /** Every pod shape of the workload is isolated by some policy (any kind, tier, direction). */
  covered: boolean;
}

export interface NamespaceContext {
  index: ClusterIndex;
  namespace: NamespaceInfo;
  /** Kubernetes NetworkPolicies of the namespace, sorted by name. */
  policies: CompiledPolicy[];
  /** Cilium/Calico policies that apply to the namespace. */
  otherPolicies: CompiledOtherPolicy[];
  workloads: WorkloadCoverage[];
  /** Pod shapes of the namespace (its pods and templates). */
  shapes: PodShape[];
  /** A pod without labels in the namespace: what a new pod gets. */
  probe: PodShape;
  /**
   * Every policy, in the model, that applies to the namespace: its own,
   * and cluster-wide ones (any tier) selecting one of its pods or the probe.
   */
  modelPolicies: ModelPolicy[];
  /** Those of `modelPolicies` selecting every pod, whatever its labels (computed once). */
  policiesForEveryPod(): ModelPolicy[];
  /** The first failed read among `resources` for this namespace. */
  missing(...resources: SnapshotResource[]): MissingData | undefined;
}

export function makeMissing(
  lookup: MissingLookup,
  namespace: string,
): NamespaceContext['missing'] {
  return (...resources) => {
    for (const r of resources) {
      const m = lookup(r, namespace);
      if (m) return m;
    }
    return undefined;
  };
}

export function refsOf(policies: Array<{ ref: PolicyRef }>): PolicyRef[] {
  return policies.map(p => ({ ...p.ref }));
}

export function workloadRef(w: IndexedWorkload): WorkloadRef {
  return { ...w.ref };
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `a, b, c and 4 more` */
export function listText(items: string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
