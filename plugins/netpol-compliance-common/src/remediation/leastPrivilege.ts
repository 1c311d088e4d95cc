/**
 * Least-privilege NetworkPolicies for one namespace from the connections
 * the catalog declares: the default denies and DNS of generateRemediation,
 * then, per workload of the namespace, an ingress policy admitting exactly
 * its declared sources and an egress policy reaching exactly its declared
 * destinations, on the ports the destination's containers declare or its
 * Services target (all ports, with a note, when none is declared). Every component whose workloads run
 * in the namespace counts: the default deny isolates all of them.
 */
import { parseAllDocuments } from 'yaml';
import { allExpectedConnections } from '../connections/deriveConnections';
import { connectionEnds } from '../connections/entityWorkloads';
import type { CatalogComponent, ConnectionEnd, ExpectedConnection } from '../connections/types';
import { CLUSTER_DNS } from '../connections/types';
import { missingReason } from '../engine/missingData';
import { buildClusterIndex, ClusterIndex, ClusterIndexOptions, IndexedWorkload } from '../engine/clusterIndex';
import type {
  ClusterSnapshot,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySnapshot,
  ServiceSnapshot,
} from '../snapshot/types';
import { networkPolicyYaml } from '../yaml/policyYaml';
import { generateRemediation, MANAGED_LABELS } from './generateRemediation';
import { ReplacedPolicy, replacedPolicies } from './replacedPolicies';
import { reachedPorts, workloadMatchLabels } from './workloadSelector';
import { NAMESPACE_NAME_LABEL } from '../snapshot/wellKnownLabels';

/** A declared connection between two workloads. @public */
export interface DeclaredPair {
  connection: ExpectedConnection;
  from: ConnectionEnd;
  to: ConnectionEnd;
}

/** @public */
export interface LeastPrivilegePolicies {
  namespace: string;
  /** The default denies, DNS, then one policy per workload and direction. */
  policies: NetworkPolicySnapshot[];
  /** Declared connections with an end in the namespace: the set must keep them. */
  declared: DeclaredPair[];
  /** The namespace's existing policies to delete when applying the set (the verification removes them). */
  replaces: ReplacedPolicy[];
  /** What could not be narrowed (no declared port, no stable label). */
  notes: string[];
  yaml: string;
}


/** The declared workload pairs with an end in `namespace`. */
export function declaredPairs(index: ClusterIndex, namespace: string, components: CatalogComponent[]): DeclaredPair[] {
  const pairs: DeclaredPair[] = [];
  for (const connection of allExpectedConnections(components)) {
    const froms = connectionEnds(index, connection.from, components);
    const tos = connectionEnds(index, connection.to, components);
    for (const from of froms) {
      for (const to of tos) {
        if (from.namespace === namespace || to.namespace === namespace) pairs.push({ connection, from, to });
      }
    }
  }
  return pairs;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 200);
}

class Lookup {
  readonly services: ServiceSnapshot[];
  constructor(private readonly index: ClusterIndex) {
    this.services = index.snapshot.services ?? [];
  }
  workload(end: ConnectionEnd): IndexedWorkload | undefined {
    return this.index.workloadsByNamespace.get(end.namespace)?.find(w => w.id === end.workload);
  }
}

/**
 * DNS is always kept (every pod resolves names, and the verification
 * checks it); traffic between the namespace's own pods may be opened too.
 * @public
 */
export interface LeastPrivilegeOptions {
  allowSameNamespace?: boolean;
}

function basePolicies(namespace: string, options: LeastPrivilegeOptions): { yaml: string; policies: NetworkPolicySnapshot[] } {
  const yaml = generateRemediation(namespace, { allowDns: true, allowSameNamespace: !!options.allowSameNamespace });
  const policies = parseAllDocuments(yaml).map(d => {
    const o = d.toJS() as { metadata: { name: string; labels?: Record<string, string> }; spec: NetworkPolicySnapshot['spec'] };
    return { namespace, name: o.metadata.name, labels: o.metadata.labels ?? {}, annotations: {}, spec: o.spec };
  });
  return { yaml, policies };
}

type Side = 'ingress' | 'egress';

/** One rule per remote workload of `own`, for one direction. */
function rulesFor(own: ConnectionEnd, side: Side, pairs: DeclaredPair[], lookup: Lookup, notes: string[]) {
  const rules: Array<{ peers: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }> = [];
  const seen = new Set<string>();
  for (const p of pairs) {
    const remote = side === 'ingress' ? p.from : p.to;
    const key = `${remote.namespace}/${remote.workload}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const remoteW = lookup.workload(remote);
    const labels = remoteW ? workloadMatchLabels(remoteW) : {};
    if (!Object.keys(labels).length) {
      notes.push(`${key} has no label shared by all its pods: no rule can name it, so ${own.workload} ${side === 'ingress' ? 'from' : 'to'} it stays denied`);
      continue;
    }
    const targetEnd = side === 'ingress' ? own : remote;
    const target = side === 'ingress' ? lookup.workload(own) : remoteW;
    const reached = target ? reachedPorts(target, targetEnd.namespace, lookup.services) : { ports: [], notes: [] };
    const ports = reached.ports;
    notes.push(...reached.notes);
    if (!ports.length) {
      notes.push(`${side === 'ingress' ? own.workload : key} declares no container port and no Service targets one: ${key} ${side === 'ingress' ? 'may use every port' : 'is allowed on every port'}`);
    }
    rules.push({
      peers: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: remote.namespace } }, podSelector: { matchLabels: labels } }],
      ...(ports.length ? { ports } : {}),
    });
  }
  return rules;
}

function policyFor(own: ConnectionEnd, side: Side, pairs: DeclaredPair[], lookup: Lookup, notes: string[]): NetworkPolicySnapshot | undefined {
  const ownW = lookup.workload(own);
  const labels = ownW ? workloadMatchLabels(ownW) : {};
  if (!Object.keys(labels).length) {
    notes.push(`${own.workload} has no label shared by all its pods: its declared ${side} stays denied`);
    return undefined;
  }
  const rules = rulesFor(own, side, pairs, lookup, notes);
  if (!rules.length) return undefined;
  const spec =
    side === 'ingress'
      ? { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'], ingress: rules.map(r => ({ from: r.peers, ...(r.ports ? { ports: r.ports } : {}) })) }
      : { podSelector: { matchLabels: labels }, policyTypes: ['Egress'], egress: rules.map(r => ({ to: r.peers, ...(r.ports ? { ports: r.ports } : {}) })) };
  const name = `allow-${side}-${side === 'ingress' ? 'to' : 'from'}-${slug(own.workload)}`;
  return { namespace: own.namespace, name, labels: { ...MANAGED_LABELS }, annotations: {}, spec };
}

function groupBy(pairs: DeclaredPair[], end: (p: DeclaredPair) => ConnectionEnd): Map<string, DeclaredPair[]> {
  const m = new Map<string, DeclaredPair[]>();
  for (const p of pairs) {
    const k = end(p).workload;
    m.set(k, [...(m.get(k) ?? []), p]);
  }
  return m;
}

/**
 * The policies to apply in `namespace` so it is isolated and every
 * connection the catalog declares keeps working. DNS is kept by the base
 * set's allow-dns-egress, not by a rule of its own.
 * @public
 */
export function leastPrivilegePolicies(
  snapshot: ClusterSnapshot,
  namespace: string,
  components: CatalogComponent[],
  options: LeastPrivilegeOptions = {},
  indexOptions: ClusterIndexOptions = {},
): LeastPrivilegePolicies {
  return leastPrivilegeIndexed(buildClusterIndex(snapshot, indexOptions), namespace, components, options);
}

/** The same over an index already built. */
export function leastPrivilegeIndexed(
  index: ClusterIndex,
  namespace: string,
  components: CatalogComponent[],
  options: LeastPrivilegeOptions = {},
): LeastPrivilegePolicies {
  const lookup = new Lookup(index);
  const declared = declaredPairs(index, namespace, components);
  const notes: string[] = [];
  const base = basePolicies(namespace, options);
  const own = declared.filter(p => p.connection.to !== CLUSTER_DNS);
  const generated: NetworkPolicySnapshot[] = [];
  for (const [, pairs] of groupBy(own.filter(p => p.to.namespace === namespace), p => p.to)) {
    const policy = policyFor(pairs[0].to, 'ingress', pairs, lookup, notes);
    if (policy) generated.push(policy);
  }
  for (const [, pairs] of groupBy(own.filter(p => p.from.namespace === namespace), p => p.from)) {
    const policy = policyFor(pairs[0].from, 'egress', pairs, lookup, notes);
    if (policy) generated.push(policy);
  }
  const comment = (p: NetworkPolicySnapshot) =>
    p.spec.policyTypes?.[0] === 'Ingress'
      ? '# Ingress the catalog declares (dependsOn, consumed APIs), on the declared ports.\n'
      : '# Egress the catalog declares (dependsOn, consumed APIs), on the declared ports.\n';
  const yaml = base.yaml + generated.map(p => `---\n${comment(p)}${networkPolicyYaml(p)}`).join('');
  const policies = [...base.policies, ...generated];
  const servicesMissing = index.snapshot.missing.find(m => m.resource === 'services');
  if (servicesMissing) {
    notes.push(`${missingReason(servicesMissing)}: the ports come from the containers alone (a workload reached only through a Service's targetPort is allowed on every port)`);
  }
  if (!declared.some(p => p.connection.to === CLUSTER_DNS)) {
    notes.push('No cluster DNS pods in the cluster data (k8s-app=kube-dns in kube-system): allow-dns-egress keeps name resolution open, but it is not verified');
  }
  const replaces = replacedPolicies(index, namespace, policies);
  return { namespace, policies, declared, replaces, notes: [...new Set(notes)], yaml };
}
