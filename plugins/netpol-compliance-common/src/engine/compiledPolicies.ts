/**
 * The cluster's policies compiled once and grouped: NetworkPolicies and
 * namespaced Cilium/Calico policies by namespace, cluster-wide ones apart,
 * each list in a stable order (by name; by kind then name), so that every
 * evaluation reads them the same way.
 */
import type { ClusterSnapshot } from '../snapshot/types';
import type { CompileCache } from '../semantics/compileCache';
import { CompiledPolicy, compileNetworkPolicy } from '../semantics/compilePolicy';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
import { compileOtherPolicy } from '../otherPolicies/compileOtherPolicy';
import type { ModelContext } from '../policyModel/types';
import { cmp } from './shapeKeys';

export interface CompiledPolicies {
  policiesByNamespace: Map<string, CompiledPolicy[]>;
  otherByNamespace: Map<string, CompiledOtherPolicy[]>;
  otherClusterWide: CompiledOtherPolicy[];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
}

/** `ensure` registers each namespace a policy lives in. */
export function compilePolicies(
  snapshot: ClusterSnapshot,
  selectors: CompileCache,
  ctx: ModelContext,
  ensure: (namespace: string | undefined) => void,
): CompiledPolicies {
  const policiesByNamespace = new Map<string, CompiledPolicy[]>();
  for (const p of snapshot.networkPolicies ?? []) {
    ensure(p.namespace);
    push(policiesByNamespace, p.namespace, compileNetworkPolicy(p, selectors));
  }
  for (const list of policiesByNamespace.values())
    list.sort((a, b) => cmp(a.name, b.name));

  const otherByNamespace = new Map<string, CompiledOtherPolicy[]>();
  const otherClusterWide: CompiledOtherPolicy[] = [];
  for (const p of snapshot.otherPolicies ?? []) {
    const compiled = compileOtherPolicy(p, ctx);
    if (compiled.namespace === undefined) {
      otherClusterWide.push(compiled);
    } else {
      ensure(compiled.namespace);
      push(otherByNamespace, compiled.namespace, compiled);
    }
  }
  const byKindName = (a: CompiledOtherPolicy, b: CompiledOtherPolicy) =>
    cmp(a.kind, b.kind) || cmp(a.ref.name, b.ref.name);
  otherClusterWide.sort(byKindName);
  for (const list of otherByNamespace.values()) list.sort(byKindName);
  return { policiesByNamespace, otherByNamespace, otherClusterWide };
}
