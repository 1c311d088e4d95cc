/**
 * Small builders for test fixtures: a snapshot in a few readable lines.
 * Not exported from the package.
 */
import type {
  ClusterSnapshot,
  ConfigMapSnapshot,
  ContainerPortSnapshot,
  ContainerSnapshot,
  ControllerSnapshot,
  MissingData,
  NamespaceSnapshot,
  NetworkPolicySnapshot,
  NetworkPolicySpec,
  OtherPolicyKind,
  OtherPolicySnapshot,
  PodSnapshot,
} from '../snapshot/types';
import type { ClusterReport, ControlResult, NamespaceReport } from '../report';
import type { ControlId } from '../controls/catalog';
import type {
  ModelAction,
  ModelDirection,
  ModelPod,
  ModelPolicy,
  ModelRemote,
  ModelRule,
  ModelTier,
} from '../policyModel/types';

export function ns(
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): NamespaceSnapshot {
  return {
    name,
    labels: { ...labels, 'kubernetes.io/metadata.name': name },
    annotations,
  };
}

export function port(
  containerPort: number,
  name?: string,
  protocol?: string,
): ContainerPortSnapshot {
  return {
    containerPort,
    ...(name ? { name } : {}),
    ...(protocol ? { protocol } : {}),
  };
}

export interface PodOptions {
  owner?: { kind: string; name: string };
  ports?: ContainerPortSnapshot[];
  ips?: string[];
  phase?: string;
  hostNetwork?: boolean;
}

export function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  o: PodOptions = {},
): PodSnapshot {
  return {
    namespace,
    name,
    labels,
    ownerReferences: o.owner ? [{ ...o.owner, controller: true }] : [],
    phase: o.phase ?? 'Running',
    ...(o.hostNetwork ? { hostNetwork: true } : {}),
    podIPs: o.ips ?? [],
    ports: o.ports ?? [],
  };
}

export interface ControllerOptions {
  labels?: Record<string, string>;
  templateLabels?: Record<string, string>;
  templatePorts?: ContainerPortSnapshot[];
  owner?: { kind: string; name: string };
  containers?: ContainerSnapshot[];
  hostNetwork?: boolean;
}

export function controller(
  kind: string,
  namespace: string,
  name: string,
  o: ControllerOptions = {},
): ControllerSnapshot {
  return {
    kind,
    namespace,
    name,
    labels: o.labels ?? {},
    ownerReferences: o.owner ? [{ ...o.owner, controller: true }] : [],
    templateLabels: o.templateLabels ?? {},
    templatePorts: o.templatePorts ?? [],
    ...(o.hostNetwork ? { templateHostNetwork: true } : {}),
    containers: o.containers ?? [],
  };
}

export function daemonSet(
  namespace: string,
  name: string,
  containers: ContainerSnapshot[] = [],
): ControllerSnapshot {
  return controller('DaemonSet', namespace, name, {
    containers,
    hostNetwork: true,
  });
}

export function container(
  name: string,
  args: string[] = [],
  image?: string,
): ContainerSnapshot {
  return { name, args, ...(image ? { image } : {}) };
}

export function netpol(
  namespace: string,
  name: string,
  spec: NetworkPolicySpec,
): NetworkPolicySnapshot {
  return { namespace, name, labels: {}, annotations: {}, spec };
}

export function other(
  kind: OtherPolicyKind,
  name: string,
  spec: unknown,
  namespace?: string,
): OtherPolicySnapshot {
  return { kind, name, spec, ...(namespace ? { namespace } : {}) };
}

export function configMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
): ConfigMapSnapshot {
  return { namespace, name, data };
}

export function missing(
  resource: MissingData['resource'],
  reason: string,
  namespace?: string,
): MissingData {
  return { resource, reason, ...(namespace ? { namespace } : {}) };
}

/** A snapshot; namespaces referenced by pods, controllers and policies are declared automatically. */
export function snapshot(
  parts: Partial<ClusterSnapshot> = {},
): ClusterSnapshot {
  const declared = new Map((parts.namespaces ?? []).map(n => [n.name, n]));
  const refer = (name?: string) => {
    if (name && !declared.has(name)) declared.set(name, ns(name));
  };
  (parts.pods ?? []).forEach(p => refer(p.namespace));
  (parts.controllers ?? []).forEach(c => refer(c.namespace));
  (parts.networkPolicies ?? []).forEach(p => refer(p.namespace));
  (parts.otherPolicies ?? []).forEach(p => refer(p.namespace));
  (parts.invalidObjects ?? []).forEach(p => refer(p.namespace));
  return {
    cluster: parts.cluster ?? { name: 'test' },
    collectedAt: parts.collectedAt ?? '2026-01-01T00:00:00Z',
    namespaces: [...declared.values()],
    pods: parts.pods ?? [],
    controllers: parts.controllers ?? [],
    networkPolicies: parts.networkPolicies ?? [],
    otherPolicies: parts.otherPolicies ?? [],
    configMaps: parts.configMaps ?? [],
    missing: parts.missing ?? [],
    ...(parts.adminPolicies ? { adminPolicies: parts.adminPolicies } : {}),
    ...(parts.invalidObjects ? { invalidObjects: parts.invalidObjects } : {}),
  };
}

export function nsReport(
  report: ClusterReport,
  namespace: string,
): NamespaceReport {
  const found = report.namespaces.find(n => n.namespace === namespace);
  if (!found) throw new Error(`namespace ${namespace} not in report`);
  return found;
}

export function result(
  report: ClusterReport,
  namespace: string,
  control: ControlId,
): ControlResult {
  const found = nsReport(report, namespace).results.find(
    r => r.control === control,
  );
  if (!found) throw new Error(`${control} not in ${namespace}`);
  return found;
}

/** Common policies. */
export const denyAllIngress = (
  namespace: string,
  name = 'default-deny-ingress',
) => netpol(namespace, name, { podSelector: {}, policyTypes: ['Ingress'] });
export const denyAllEgress = (
  namespace: string,
  name = 'default-deny-egress',
) => netpol(namespace, name, { podSelector: {}, policyTypes: ['Egress'] });

/** A hand-built model rule: every peer unless `peer` says which remotes match. */
export interface ModelRuleSpec {
  action: ModelAction;
  peer?: (remote: ModelRemote) => boolean;
  /** TCP ports; absent: all ports. */
  tcp?: number[];
}

/** A hand-built model policy (admin and baseline tiers before their compilers land). */
export function modelPolicy(
  tier: ModelTier,
  name: string,
  o: {
    order?: number;
    selects?: (pod: ModelPod) => boolean;
    ingress?: ModelRuleSpec[];
    egress?: ModelRuleSpec[];
    isolates?: Partial<Record<ModelDirection, boolean>>;
    kind?: string;
  } = {},
): ModelPolicy {
  const tierKinds = {
    admin: 'AdminNetworkPolicy',
    baseline: 'BaselineAdminNetworkPolicy',
    namespace: 'NetworkPolicy',
  };
  const kind = o.kind ?? tierKinds[tier];
  const rules = (direction: ModelDirection, specs: ModelRuleSpec[] = []) =>
    specs.map(
      (r, i): ModelRule => ({
        direction,
        index: i + 1,
        action: r.action,
        allPeers: !r.peer,
        peers: r.peer ? [{ text: 'some peers', matches: r.peer }] : [],
        allPorts: !r.tcp,
        ports: () =>
          r.tcp
            ? {
                all: false,
                ranges: r.tcp.map(p => ({ protocol: 'TCP', from: p, to: p })),
              }
            : { all: true },
        portsText: r.tcp ? r.tcp.map(p => `TCP/${p}`).join(', ') : 'all ports',
      }),
    );
  return {
    id: `${kind} ${name}`,
    label: `${kind} ${name}`,
    ref: { kind, name },
    tier,
    order: o.order ?? 0,
    selects: o.selects ?? (() => true),
    isolates: { ingress: false, egress: false, ...o.isolates },
    rules: { ingress: rules('ingress', o.ingress), egress: rules('egress', o.egress) },
    problems: [],
  };
}
