/**
 * One namespace as the controls read it: its shapes and workloads, the
 * policies that apply to it (its own and the cluster-wide ones selecting
 * its pods), read from the cluster index.
 */
import {
  makeMissing,
  NamespaceContext,
  WorkloadCoverage,
} from '../controls/context';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
import { isIsolated } from '../policyModel/strangers';
import type { ModelPolicy } from '../policyModel/types';
import { policiesForEveryPod } from '../policyModel/everyPod';
import type { ClusterIndex, PodShape } from './clusterIndex';
import type { MissingLookup } from './missingData';

/** Isolated in some direction by some policy (any kind, any tier): what NETPOL-003 checks. */
function isCovered(shape: PodShape): boolean {
  return (
    isIsolated(shape.model, shape, 'ingress') ||
    isIsolated(shape.model, shape, 'egress')
  );
}

/** Every model policy that applies to a namespace: its own, and cluster-wide ones selecting its pods or a new pod. */
function modelPoliciesOf(
  index: ClusterIndex,
  namespace: string,
  shapes: PodShape[],
  probe: PodShape,
): ModelPolicy[] {
  const own = index.models.byNamespace.get(namespace) ?? [];
  const wide = index.models.clusterWide.filter(
    p => p.selects(probe) || shapes.some(s => p.selects(s)),
  );
  return [...own, ...wide];
}

/** Cilium/Calico policies that apply to a namespace: its own, and cluster-wide ones selecting its pods. */
function otherPoliciesOf(
  index: ClusterIndex,
  namespace: string,
  shapes: PodShape[],
): CompiledOtherPolicy[] {
  const own = index.otherByNamespace.get(namespace) ?? [];
  const ns = index.namespaces.get(namespace)!;
  const wide = index.otherClusterWide.filter(
    p =>
      shapes.some(s => s.otherPolicies.includes(p)) ||
      p.selectsNamespace(namespace, ns.labels),
  );
  return [...own, ...wide];
}

/** One namespace, indexed, as the controls read it. */
export function namespaceContext(
  index: ClusterIndex,
  name: string,
  lookup: MissingLookup,
): NamespaceContext {
  const shapes = index.shapesByNamespace.get(name) ?? [];
  const workloads: WorkloadCoverage[] = (
    index.workloadsByNamespace.get(name) ?? []
  ).map(w => ({ workload: w, covered: w.shapes.every(isCovered) }));
  // A pod without labels: what a new pod of the namespace gets.
  const probe = index.shapeOf(name, {}, []);
  const namespace = index.namespaces.get(name)!;
  const modelPolicies = modelPoliciesOf(index, name, shapes, probe);
  let forEveryPod: ModelPolicy[] | undefined;
  return {
    index,
    namespace,
    policies: index.policiesByNamespace.get(name) ?? [],
    otherPolicies: otherPoliciesOf(index, name, shapes),
    workloads,
    shapes,
    probe,
    modelPolicies,
    policiesForEveryPod: () =>
      (forEveryPod ??= policiesForEveryPod(
        name,
        namespace.labels,
        modelPolicies,
      )),
    missing: makeMissing(lookup, name),
  };
}
