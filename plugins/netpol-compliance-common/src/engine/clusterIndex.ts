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
  NamespaceSnapshot,
  PodSnapshot,
} from '../snapshot/types';
import {
  CompiledLabelSelector,
  Labels,
  labelsKey,
} from '../selectors/labelSelector';
import { CompileCache } from '../semantics/compileCache';
import {
  CompiledPolicy,
  compileNetworkPolicy,
} from '../semantics/compilePolicy';
import type { PodView } from '../semantics/peers';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
import { compileOtherPolicy } from '../otherPolicies/compileOtherPolicy';
import { EndpointView } from '../otherPolicies/endpointView';
import { parseIp } from '../semantics/ipBlock';
import type { ModelPod, ModelPolicy, ModelPolicySet } from '../policyModel/types';
import { modelContext } from '../policyModel/context';
import { clusterScopedPolicies } from './clusterScopedPolicies';
import { buildModelIndex, ModelIndex } from './modelIndex';
import { namespaceMatcher } from './namespaceMatcher';
import { cmp, portsKey, sameLabels, samePorts } from './shapeKeys';
import {
  ResolvedWorkload,
  resolveWorkloads,
} from '../workloads/resolveWorkloads';
import { NAMESPACE_NAME_LABEL } from '../snapshot/wellKnownLabels';


export interface NamespaceInfo {
  name: string;
  /** Labels, always with `kubernetes.io/metadata.name` (the API server sets it). */
  labels: Labels;
  annotations: Record<string, string>;
  /** False when only referenced by other objects. */
  declared: boolean;
  /** Key for namespace-selector memos. */
  memoKey: string;
}

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

function namespaceInfo(
  ns: NamespaceSnapshot | undefined,
  name: string,
): NamespaceInfo {
  return {
    name,
    labels: { ...(ns?.labels ?? {}), [NAMESPACE_NAME_LABEL]: name },
    annotations: ns?.annotations ?? {},
    declared: !!ns,
    memoKey: `\u0002${name}`,
  };
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
  const policiesByNamespace = new Map<string, CompiledPolicy[]>();
  for (const p of snapshot.networkPolicies ?? []) {
    ensure(p.namespace);
    const compiled = compileNetworkPolicy(p, selectors);
    let list = policiesByNamespace.get(p.namespace);
    if (!list) policiesByNamespace.set(p.namespace, (list = []));
    list.push(compiled);
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
      let list = otherByNamespace.get(compiled.namespace);
      if (!list) otherByNamespace.set(compiled.namespace, (list = []));
      list.push(compiled);
    }
  }
  const byKindName = (a: CompiledOtherPolicy, b: CompiledOtherPolicy) =>
    cmp(a.kind, b.kind) || cmp(a.ref.name, b.ref.name);
  otherClusterWide.sort(byKindName);
  for (const list of otherByNamespace.values()) list.sort(byKindName);

  for (const p of snapshot.pods ?? []) ensure(p.namespace);
  for (const c of snapshot.controllers ?? []) ensure(c.namespace);

  const models = buildModelIndex(
    policiesByNamespace,
    otherByNamespace,
    otherClusterWide,
    options.clusterScoped ?? clusterScopedPolicies(snapshot, ctx),
    ctx,
  );
  // Templates carry their service account on the controller.
  const templateAccounts = new Map<string, string | undefined>();
  for (const c of snapshot.controllers ?? [])
    templateAccounts.set(`${c.namespace}/${c.kind}/${c.name}`, c.templateServiceAccountName);

  const resolved = resolveWorkloads(snapshot);
  const shapeByKey = new Map<string, PodShape>();
  const shapes: PodShape[] = [];
  const shapesByNamespace = new Map<string, PodShape[]>();
  const workloadsByNamespace = new Map<string, IndexedWorkload[]>();

  const shapeFor = (
    namespace: string,
    labels: Labels,
    ports: ContainerPortSnapshot[],
    serviceAccount: string | undefined,
    register = true,
  ): PodShape => {
    const lk = labelsKey(labels);
    const pk = portsKey(ports);
    const sa = serviceAccount || 'default';
    const key = `${namespace}\u0003${lk}\u0003${pk}\u0003${sa}`;
    let shape = shapeByKey.get(key);
    if (shape) return shape;
    const ns = namespaces.get(namespace) ?? namespaceInfo(undefined, namespace);
    shape = {
      id: register ? shapes.length : -1,
      namespace,
      labels,
      labelsKey: lk,
      ports,
      portsKey: pk,
      podView: {
        namespace,
        namespaceKey: ns.memoKey,
        namespaceLabels: ns.labels,
        labels,
        labelsKey: lk,
      },
      namespaceLabels: ns.labels,
      serviceAccount: sa,
      endpoint: new EndpointView(namespace, ns.labels, labels, sa),
      model: { admin: [], namespace: [], baseline: [] },
      ingressPolicies: [],
      egressPolicies: [],
      otherPolicies: [],
    };
    for (const policy of policiesByNamespace.get(namespace) ?? []) {
      // Each (policy, shape) pair is decided once: no memo needed here.
      if (!policy.podSelector.selectsAll && !policy.podSelector.matches(labels))
        continue;
      if (policy.isolatesIngress) shape.ingressPolicies.push(policy);
      if (policy.isolatesEgress) shape.egressPolicies.push(policy);
    }
    for (const other of otherByNamespace.get(namespace) ?? []) {
      if (other.selects(shape.endpoint)) shape.otherPolicies.push(other);
    }
    for (const other of otherClusterWide) {
      if (other.selects(shape.endpoint)) shape.otherPolicies.push(other);
    }
    shape.model = models.policySetFor(shape);
    if (!register) return shape;
    shapeByKey.set(key, shape);
    shapes.push(shape);
    let list = shapesByNamespace.get(namespace);
    if (!list) shapesByNamespace.set(namespace, (list = []));
    list.push(shape);
    return shape;
  };

  for (const [namespace, list] of resolved) {
    ensure(namespace);
    const indexed = list.map((w): IndexedWorkload => {
      const wShapes: PodShape[] = [];
      const add = (
        labels: Labels,
        ports: ContainerPortSnapshot[],
        account: string | undefined,
      ): PodShape => {
        const sa = account || 'default';
        // Replicas usually look alike: compare with the shapes already found
        // before building any key.
        for (const s of wShapes)
          if (
            s.serviceAccount === sa &&
            sameLabels(s.labels, labels) &&
            samePorts(s.ports, ports)
          )
            return s;
        const s = shapeFor(namespace, labels, ports, sa);
        if (!wShapes.includes(s)) wShapes.push(s);
        return s;
      };
      for (const p of w.livePods) {
        const s = add(p.labels ?? {}, p.ports ?? [], p.serviceAccountName);
        // A shape stands for all its pods: their addresses, for address peers.
        if (p.podIPs?.length) (s.ips ??= []).push(...p.podIPs);
      }
      if (w.template)
        add(
          w.template.labels,
          w.template.ports,
          templateAccounts.get(`${namespace}/${w.ref.kind}/${w.ref.name}`),
        );
      wShapes.sort(
        (a, b) =>
          cmp(a.labelsKey, b.labelsKey) ||
          cmp(a.portsKey, b.portsKey) ||
          cmp(a.serviceAccount, b.serviceAccount),
      );
      return { ...w, shapes: wShapes };
    });
    workloadsByNamespace.set(namespace, indexed);
  }
  // Read only while workloads are indexed; the returned methods' closures
  // would otherwise keep a key per controller alive through the evaluation.
  templateAccounts.clear();

  const namespaceNames = [...namespaces.keys()].sort(cmp);
  const namespacesMatching = namespaceMatcher(namespaces, namespaceNames);

  let ipIndex: Map<string, PodSnapshot> | undefined;
  let nameIndex: Map<string, PodSnapshot> | undefined;
  return {
    snapshot,
    namespaces,
    namespaceNames,
    namespacesMatching,
    policiesByNamespace,
    otherByNamespace,
    otherClusterWide,
    workloadsByNamespace,
    shapesByNamespace,
    shapes,
    selectors,
    models,
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
    shapeOf: (namespace, labels, ports, serviceAccount) =>
      shapeFor(namespace, labels, ports, serviceAccount, false),
  };
}
