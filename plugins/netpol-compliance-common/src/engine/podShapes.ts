/**
 * Pod shapes: pods that look the same to every policy (same namespace,
 * labels, ports and service account) share one shape, and policy
 * selection is decided once per shape. The replicas of a workload share
 * one, which is what keeps a 100,000-pod cluster cheap.
 */
import type { ContainerPortSnapshot } from '../snapshot/types';
import { Labels, labelsKey } from '../selectors/labelSelector';
import type { CompiledPolicy } from '../semantics/compilePolicy';
import type { PodView } from '../semantics/peers';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
import { EndpointView } from '../otherPolicies/endpointView';
import type { ModelPod, ModelPolicySet } from '../policyModel/types';
import { NamespaceInfo, namespaceInfo } from './namespaceInfo';
import type { CompiledPolicies } from './compiledPolicies';
import type { ModelIndex } from './modelIndex';
import { portsKey } from './shapeKeys';

/** Pods that look the same to every policy: same namespace, labels, ports and service account. */
export interface PodShape extends ModelPod {
  id: number;
  namespace: string;
  labels: Labels;
  labelsKey: string;
  ports: ContainerPortSnapshot[];
  portsKey: string;
  podView: PodView;
  endpoint: EndpointView;
  /** The policies of every kind and tier selecting it (the policy model). */
  model: ModelPolicySet;
  /** Kubernetes policies selecting it that isolate ingress / egress. */
  ingressPolicies: CompiledPolicy[];
  egressPolicies: CompiledPolicy[];
  /** Cilium/Calico policies selecting it. */
  otherPolicies: CompiledOtherPolicy[];
}

export class PodShapes {
  readonly all: PodShape[] = [];
  readonly byNamespace = new Map<string, PodShape[]>();
  private readonly byKey = new Map<string, PodShape>();

  constructor(
    private readonly namespaces: Map<string, NamespaceInfo>,
    private readonly policies: CompiledPolicies,
    private readonly models: ModelIndex,
  ) {}

  /**
   * The shape of such pods, made and registered on first sight; with
   * `register` false, one that is only looked at (finished pods, queries)
   * is made without being added.
   */
  shapeFor(
    namespace: string,
    labels: Labels,
    ports: ContainerPortSnapshot[],
    serviceAccount: string | undefined,
    register = true,
  ): PodShape {
    const lk = labelsKey(labels);
    const pk = portsKey(ports);
    const sa = serviceAccount || 'default';
    const key = `${namespace}\u0003${lk}\u0003${pk}\u0003${sa}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const shape = this.make(namespace, labels, lk, ports, pk, sa, register ? this.all.length : -1);
    if (!register) return shape;
    this.byKey.set(key, shape);
    this.all.push(shape);
    let list = this.byNamespace.get(namespace);
    if (!list) this.byNamespace.set(namespace, (list = []));
    list.push(shape);
    return shape;
  }

  private make(
    namespace: string,
    labels: Labels,
    lk: string,
    ports: ContainerPortSnapshot[],
    pk: string,
    sa: string,
    id: number,
  ): PodShape {
    const ns = this.namespaces.get(namespace) ?? namespaceInfo(undefined, namespace);
    const shape: PodShape = {
      id,
      namespace,
      labels,
      labelsKey: lk,
      ports,
      portsKey: pk,
      podView: { namespace, namespaceKey: ns.memoKey, namespaceLabels: ns.labels, labels, labelsKey: lk },
      namespaceLabels: ns.labels,
      serviceAccount: sa,
      endpoint: new EndpointView(namespace, ns.labels, labels, sa),
      model: { admin: [], namespace: [], baseline: [] },
      ingressPolicies: [],
      egressPolicies: [],
      otherPolicies: [],
    };
    for (const policy of this.policies.policiesByNamespace.get(namespace) ?? []) {
      // Each (policy, shape) pair is decided once: no memo needed here.
      if (!policy.podSelector.selectsAll && !policy.podSelector.matches(labels)) continue;
      if (policy.isolatesIngress) shape.ingressPolicies.push(policy);
      if (policy.isolatesEgress) shape.egressPolicies.push(policy);
    }
    for (const other of this.policies.otherByNamespace.get(namespace) ?? []) {
      if (other.selects(shape.endpoint)) shape.otherPolicies.push(other);
    }
    for (const other of this.policies.otherClusterWide) {
      if (other.selects(shape.endpoint)) shape.otherPolicies.push(other);
    }
    shape.model = this.models.policySetFor(shape);
    return shape;
  }
}
