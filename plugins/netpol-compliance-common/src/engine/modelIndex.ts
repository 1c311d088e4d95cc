/**
 * Every policy of the cluster in the policy model, and which of them
 * select a pod, per tier. NetworkPolicies and the namespaced Cilium and
 * Calico policies are looked up by the pod's namespace; cluster-wide ones
 * (CiliumClusterwideNetworkPolicy, Calico GlobalNetworkPolicy, and the
 * admin and baseline tiers from `clusterScopedPolicies`) are tried on
 * every pod shape.
 */
import type { CompiledPolicy } from '../semantics/compilePolicy';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
import { byOrder } from '../policyModel/tierOrder';
import { networkPolicyModel } from '../policyModel/fromNetworkPolicy';
import type {
  ModelContext,
  ModelPod,
  ModelPolicy,
  ModelPolicySet,
} from '../policyModel/types';

export interface ModelIndex {
  /** Namespaced policies (NetworkPolicy, Cilium, Calico) by namespace. */
  byNamespace: Map<string, ModelPolicy[]>;
  /** Cluster-wide policies of every tier. */
  clusterWide: ModelPolicy[];
  /** The model of each NetworkPolicy and Cilium/Calico policy. */
  modelOf: Map<CompiledPolicy | CompiledOtherPolicy, ModelPolicy>;
  /** True when some policy is not a NetworkPolicy (the fast paths read NetworkPolicies only). */
  beyondNetworkPolicies: boolean;
  policySetFor(pod: ModelPod): ModelPolicySet;
}

export function buildModelIndex(
  policies: Map<string, CompiledPolicy[]>,
  others: Map<string, CompiledOtherPolicy[]>,
  otherClusterWide: CompiledOtherPolicy[],
  clusterScoped: ModelPolicy[],
  ctx: ModelContext,
): ModelIndex {
  const byNamespace = new Map<string, ModelPolicy[]>();
  const modelOf = new Map<CompiledPolicy | CompiledOtherPolicy, ModelPolicy>();
  const add = (ns: string, m: ModelPolicy) => {
    let list = byNamespace.get(ns);
    if (!list) byNamespace.set(ns, (list = []));
    list.push(m);
  };
  for (const [ns, list] of policies) {
    for (const p of list) {
      const m = networkPolicyModel(p, ctx);
      modelOf.set(p, m);
      add(ns, m);
    }
  }
  for (const [ns, list] of others) {
    for (const p of list) {
      modelOf.set(p, p.model);
      add(ns, p.model);
    }
  }
  for (const p of otherClusterWide) modelOf.set(p, p.model);
  const clusterWide = [...otherClusterWide.map(p => p.model), ...clusterScoped];
  return {
    byNamespace,
    clusterWide,
    modelOf,
    beyondNetworkPolicies:
      clusterWide.length > 0 || [...others.values()].some(l => l.length > 0),
    policySetFor(pod) {
      const set: ModelPolicySet = { admin: [], namespace: [], baseline: [] };
      for (const p of byNamespace.get(pod.namespace) ?? [])
        if (p.selects(pod)) set.namespace.push(p);
      for (const p of clusterWide) if (p.selects(pod)) set[p.tier].push(p);
      set.admin.sort(byOrder);
      set.namespace.sort(byOrder);
      set.baseline.sort(byOrder);
      return set;
    },
  };
}
