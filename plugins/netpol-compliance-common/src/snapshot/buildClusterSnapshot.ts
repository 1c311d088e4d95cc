/**
 * Raw Kubernetes objects (API list items or manifests) to a ClusterSnapshot,
 * keeping only what the engine reads. Pure: the backend feeds it what it
 * listed, the CLI what it parsed from a GitOps folder.
 *
 * Two steps, so that a scan never holds a whole cluster's raw objects:
 * `toSnapshotRecords` turns one object into the small records the engine
 * keeps (the backend calls it on each list page as it arrives, and the page
 * is then garbage), and `ClusterSnapshotBuilder` assembles the records.
 *
 * - `List` objects (and `PodList`-style typed lists) are flattened.
 * - Kinds the engine does not use are counted in `skipped` by kind, and so
 *   are ConfigMaps other than the ones enforcer detection reads (their data
 *   may be large or sensitive).
 * - Policy kinds (NetworkPolicy, Cilium, Calico, and the cluster-scoped
 *   AdminNetworkPolicy / BaselineAdminNetworkPolicy / ClusterNetworkPolicy)
 *   are recognised and validated by `validation/validateObject`: an object
 *   the API server would reject becomes an `invalidObjects` entry with its
 *   problems, and never a policy the engine counts. So does a Namespace,
 *   Pod, controller or ConfigMap whose fields the engine reads do not
 *   have their types (`spec: "oops"`): never a workload without pods.
 * - Services (`v1`) with a selector keep their selector and ports only
 *   (`serviceRecord`): least-privilege fixes read the ports they target.
 * - Objects without a namespace land in `default`, as `kubectl apply` would.
 * - Every namespace an object refers to exists in the snapshot, and every
 *   namespace carries `kubernetes.io/metadata.name` (the API server sets it
 *   and namespaceSelectors rely on it).
 */
import type {
  AdminPolicySnapshot,
  ClusterSnapshot,
  ConfigMapSnapshot,
  ContainerPortSnapshot,
  ContainerSnapshot,
  ControllerSnapshot,
  MissingData,
  NamespaceSnapshot,
  NetworkPolicySnapshot,
  InvalidObjectSnapshot,
  OtherPolicySnapshot,
  OwnerReference,
  PodSnapshot,
  ServiceSnapshot,
} from './types';
import { compareText } from '../semantics/compareText';
import { ENFORCER_CONFIGMAPS } from '../enforcers/detectEnforcer';
import { policyKindOf, validateObject } from '../validation/validateObject';
import type { PolicyKindInfo } from '../validation/validateObject';
import { validateReadObject } from '../validation/workloadObject';
import { RecordInterner } from './recordInterner';
import { CONTAINER_KINDS, readKindOf } from './readKinds';
import { serviceRecord } from './serviceRecord';

/** @public */
export interface BuildSnapshotInput {
  cluster: { name: string; title?: string };
  collectedAt: string;
  objects: Array<Record<string, any>>;
  missing?: MissingData[];
}

/** @public */
export interface BuildSnapshotResult {
  snapshot: ClusterSnapshot;
  /** Objects not kept, counted by kind. */
  skipped: Record<string, number>;
}

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function stringMap(v: unknown, skip?: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k in v) {
      if (k === skip || !Object.prototype.hasOwnProperty.call(v, k)) continue;
      const val = (v as Record<string, unknown>)[k];
      if (val !== undefined && val !== null) {
        out[k] = typeof val === 'string' ? val : String(val);
      }
    }
  }
  return out;
}

function ownerRefs(v: unknown): OwnerReference[] {
  const out: OwnerReference[] = [];
  if (!Array.isArray(v)) return out;
  for (const r of v) {
    if (!r || typeof r !== 'object' || !r.kind || !r.name) continue;
    const ref: OwnerReference = { kind: String(r.kind), name: String(r.name) };
    if (r.uid) ref.uid = String(r.uid);
    if (r.controller !== undefined) ref.controller = !!r.controller;
    out.push(ref);
  }
  return out;
}

function addPorts(c: any, out: ContainerPortSnapshot[]): void {
  if (!Array.isArray(c?.ports)) return;
  for (const p of c.ports) {
    const port =
      typeof p?.containerPort === 'number'
        ? p.containerPort
        : Number(p?.containerPort);
    if (!Number.isInteger(port)) continue;
    // Built field by field (no spreads): objects of one shape stay fast to read.
    const entry: ContainerPortSnapshot = { containerPort: port };
    if (p.name) entry.name = String(p.name);
    if (p.protocol) entry.protocol = String(p.protocol);
    out.push(entry);
  }
}

function containerPorts(podSpec: any): ContainerPortSnapshot[] {
  const out: ContainerPortSnapshot[] = [];
  if (Array.isArray(podSpec?.containers)) {
    for (const c of podSpec.containers) addPorts(c, out);
  }
  // Sidecars (init containers that keep running) listen too.
  if (Array.isArray(podSpec?.initContainers)) {
    for (const c of podSpec.initContainers) {
      if (c?.restartPolicy === 'Always') addPorts(c, out);
    }
  }
  return out;
}

function containers(podSpec: any): ContainerSnapshot[] {
  const out: ContainerSnapshot[] = [];
  if (!Array.isArray(podSpec?.containers)) return out;
  for (const c of podSpec.containers) {
    const entry: ContainerSnapshot = { name: String(c?.name ?? '') };
    if (c?.image) entry.image = String(c.image);
    if (Array.isArray(c?.command)) entry.command = c.command.map(String);
    if (Array.isArray(c?.args)) entry.args = c.args.map(String);
    if (Array.isArray(c?.env)) {
      // Only literal values: references to secrets are never copied.
      entry.env = [];
      for (const e of c.env) {
        if (!e?.name) continue;
        const v: { name: string; value?: string } = { name: String(e.name) };
        if (typeof e.value === 'string') v.value = e.value;
        entry.env.push(v);
      }
    }
    out.push(entry);
  }
  return out;
}

function podTemplate(kind: string, spec: any): any {
  return kind === 'CronJob'
    ? spec?.jobTemplate?.spec?.template
    : spec?.template;
}

function apiGroup(apiVersion: unknown): string {
  const v = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = v.indexOf('/');
  return slash < 0 ? '' : v.slice(0, slash);
}

function serviceAccountOf(podSpec: any): string | undefined {
  // `serviceAccount` is the deprecated alias the API server still fills.
  const sa = podSpec?.serviceAccountName ?? podSpec?.serviceAccount;
  return typeof sa === 'string' && sa ? sa : undefined;
}

function podIPs(status: any): string[] {
  const ips: string[] = [];
  if (Array.isArray(status?.podIPs)) {
    for (const p of status.podIPs) if (p?.ip) ips.push(String(p.ip));
  }
  if (ips.length === 0 && status?.podIP) ips.push(String(status.podIP));
  return ips;
}

/**
 * What one Kubernetes object contributes to a snapshot: a record the engine
 * keeps, or the kind of an object it does not use.
 * @public
 */
export type SnapshotRecord =
  | { type: 'namespace'; value: NamespaceSnapshot }
  | { type: 'pod'; value: PodSnapshot }
  | { type: 'controller'; value: ControllerSnapshot }
  | { type: 'networkPolicy'; value: NetworkPolicySnapshot }
  | { type: 'otherPolicy'; value: OtherPolicySnapshot }
  | { type: 'adminPolicy'; value: AdminPolicySnapshot }
  | { type: 'invalidObject'; value: InvalidObjectSnapshot }
  | { type: 'configMap'; value: ConfigMapSnapshot }
  | { type: 'service'; value: ServiceSnapshot }
  | { type: 'skipped'; kind: string };

/**
 * The records of one object (several for a `List`). `kind` and `apiVersion`
 * apply when the object has none, as for the items of an API list.
 * @public
 */
export function toSnapshotRecords(
  obj: Record<string, any> | null | undefined,
  kind?: string,
  apiVersion?: string,
  intern: RecordInterner = new RecordInterner(),
): SnapshotRecord[] {
  const out: SnapshotRecord[] = [];
  collectRecords(obj, kind, apiVersion, out, intern);
  return out;
}

function collectRecords(
  obj: Record<string, any> | null | undefined,
  inheritedKind: string | undefined,
  inheritedApiVersion: string | undefined,
  out: SnapshotRecord[],
  intern: RecordInterner,
): void {
  if (!obj || typeof obj !== 'object') return;
  const kind: string =
    typeof obj.kind === 'string' && obj.kind ? obj.kind : inheritedKind ?? '';
  const apiVersion = obj.apiVersion ?? inheritedApiVersion;
  if (Array.isArray(obj.items) && (kind === 'List' || kind.endsWith('List'))) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -4);
    for (const item of obj.items)
      collectRecords(
        item,
        itemKind,
        kind === 'List' ? undefined : apiVersion,
        out,
        intern,
      );
    return;
  }
  out.push(recordOf(obj, kind, apiVersion, intern));
}

function recordOf(
  obj: Record<string, any>,
  kind: string,
  apiVersion: unknown,
  intern: RecordInterner,
): SnapshotRecord {
  const meta = obj.metadata ?? {};
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const policy = policyKindOf(kind, apiVersion);
  if (policy) return policyRecord(obj, kind, apiVersion, policy);
  if (!name) return { type: 'skipped', kind: kind || '(no kind)' };
  const namespace = intern.string(
    typeof meta.namespace === 'string' && meta.namespace
      ? meta.namespace
      : 'default',
  );
  const read = readKindOf(kind);
  const unreadable = validateReadObject(kind, obj);
  if (unreadable.length) {
    // Listed on its namespace (a Namespace on itself).
    const invalid: InvalidObjectSnapshot = {
      kind,
      name,
      problems: unreadable,
      namespace: read === 'namespace' ? name : namespace,
    };
    if (typeof apiVersion === 'string') invalid.apiVersion = apiVersion;
    return { type: 'invalidObject', value: invalid };
  }
  const labels = intern.stringMap(stringMap(meta.labels));

  if (read === 'namespace') {
    return {
      type: 'namespace',
      value: {
        name,
        labels: { ...labels, [NAMESPACE_NAME_LABEL]: name },
        annotations: stringMap(meta.annotations, LAST_APPLIED),
      },
    };
  }
  if (read === 'pod') {
    const p: PodSnapshot = {
      namespace,
      name,
      labels,
      ownerReferences: intern.ownerReferences(ownerRefs(meta.ownerReferences)),
      podIPs: intern.podIPs(podIPs(obj.status)),
      ports: intern.containerPorts(containerPorts(obj.spec)),
    };
    if (obj.status?.phase) p.phase = intern.string(String(obj.status.phase));
    if (obj.spec?.hostNetwork) p.hostNetwork = true;
    const sa = serviceAccountOf(obj.spec);
    if (sa) p.serviceAccountName = intern.string(sa);
    return { type: 'pod', value: p };
  }
  if (read === 'controller') {
    const template = podTemplate(kind, obj.spec);
    const controller: ControllerSnapshot = {
      kind: intern.string(kind),
      namespace,
      name,
      labels,
      ownerReferences: intern.ownerReferences(ownerRefs(meta.ownerReferences)),
      templateLabels: intern.stringMap(stringMap(template?.metadata?.labels)),
      templatePorts: intern.containerPorts(containerPorts(template?.spec)),
      // Only enforcer detection reads containers, and only of DaemonSets and
      // Deployments: a large cluster's many ReplicaSets and Jobs keep none.
      containers: CONTAINER_KINDS.has(kind)
        ? containers(template?.spec)
        : intern.noContainers(),
    };
    if (template?.spec?.hostNetwork) controller.templateHostNetwork = true;
    const sa = serviceAccountOf(template?.spec);
    if (sa) controller.templateServiceAccountName = intern.string(sa);
    return { type: 'controller', value: controller };
  }
  if (read === 'configMap') {
    if (!ENFORCER_CONFIGMAPS.includes(name))
      return { type: 'skipped', kind: 'ConfigMap' };
    return {
      type: 'configMap',
      value: { namespace, name, data: stringMap(obj.data) },
    };
  }
  if (kind === 'Service' && apiVersion === 'v1') {
    const service = serviceRecord(obj, namespace, name, intern);
    return service ? { type: 'service', value: service } : { type: 'skipped', kind };
  }
  return {
    type: 'skipped',
    kind:
      kind === 'NetworkPolicy'
        ? `NetworkPolicy (${apiGroup(apiVersion)})`
        : kind || '(no kind)',
  };
}

/**
 * A policy object: refused with its problems when the API server would
 * reject it, else the record of its family.
 */
function policyRecord(
  obj: Record<string, any>,
  kind: string,
  apiVersion: unknown,
  policy: PolicyKindInfo,
): SnapshotRecord {
  const meta = obj.metadata ?? {};
  const name =
    typeof meta.name === 'string' && meta.name ? meta.name : '(no name)';
  const clusterScoped =
    policy.family === 'admin' ||
    (policy.family === 'other' && policy.clusterWide);
  const namespace =
    typeof meta.namespace === 'string' && meta.namespace
      ? meta.namespace
      : 'default';
  const version = typeof apiVersion === 'string' ? apiVersion : undefined;
  const problems = validateObject(kind, version, obj);
  if (problems.length > 0) {
    const invalid: InvalidObjectSnapshot = { kind, name, problems };
    if (version) invalid.apiVersion = version;
    if (!clusterScoped) invalid.namespace = namespace;
    return { type: 'invalidObject', value: invalid };
  }
  if (policy.family === 'networkPolicy') {
    return {
      type: 'networkPolicy',
      value: {
        namespace,
        name,
        labels: stringMap(meta.labels),
        annotations: stringMap(meta.annotations, LAST_APPLIED),
        spec: obj.spec && typeof obj.spec === 'object' ? obj.spec : {},
      },
    };
  }
  if (policy.family === 'admin') {
    return {
      type: 'adminPolicy',
      value: {
        kind: policy.kind,
        apiVersion: version!,
        name,
        spec: obj.spec ?? {},
      },
    };
  }
  let spec: unknown = obj.spec;
  if (policy.kind.startsWith('Cilium') && Array.isArray(obj.specs)) {
    spec = obj.spec ? [obj.spec, ...obj.specs] : obj.specs;
  }
  return {
    type: 'otherPolicy',
    value: {
      kind: policy.kind,
      ...(policy.clusterWide ? {} : { namespace }),
      name,
      spec: spec ?? {},
    },
  };
}

/**
 * Assembles snapshot records into a ClusterSnapshot. Every namespace a
 * record refers to exists in the result.
 * @public
 */
export class ClusterSnapshotBuilder {
  /**
   * Shares equal labels, owners and ports across the records of this
   * snapshot while they are read; dropped by `build()` (its tables are not
   * needed once every record is in).
   */
  private interner?: RecordInterner = new RecordInterner();
  private readonly snapshot: ClusterSnapshot;
  private readonly skipped: Record<string, number> = {};
  private readonly declared = new Map<string, NamespaceSnapshot>();
  private readonly referenced = new Set<string>();

  constructor(input: Omit<BuildSnapshotInput, 'objects'>) {
    this.snapshot = {
      cluster: { ...input.cluster },
      collectedAt: input.collectedAt,
      namespaces: [],
      pods: [],
      controllers: [],
      networkPolicies: [],
      otherPolicies: [],
      adminPolicies: [],
      invalidObjects: [],
      configMaps: [],
      services: [],
      missing: [...(input.missing ?? [])],
    };
  }

  add(record: SnapshotRecord): void {
    const s = this.snapshot;
    switch (record.type) {
      case 'namespace':
        this.declared.set(record.value.name, record.value);
        return;
      case 'pod':
        this.referenced.add(record.value.namespace);
        s.pods.push(record.value);
        return;
      case 'controller':
        this.referenced.add(record.value.namespace);
        s.controllers.push(record.value);
        return;
      case 'networkPolicy':
        this.referenced.add(record.value.namespace);
        s.networkPolicies.push(record.value);
        return;
      case 'otherPolicy':
        if (record.value.namespace) this.referenced.add(record.value.namespace);
        s.otherPolicies.push(record.value);
        return;
      case 'adminPolicy':
        s.adminPolicies!.push(record.value);
        return;
      case 'invalidObject':
        // Its namespace lists it as a problem, so the namespace exists.
        if (record.value.namespace) this.referenced.add(record.value.namespace);
        s.invalidObjects!.push(record.value);
        return;
      case 'configMap':
        this.referenced.add(record.value.namespace);
        s.configMaps.push(record.value);
        return;
      case 'service':
        // Not a reason for its namespace to be evaluated: Services only narrow the ports of generated policies.
        s.services!.push(record.value);
        return;
      default:
        this.skipped[record.kind] = (this.skipped[record.kind] ?? 0) + 1;
    }
  }

  addMissing(missing: MissingData): void {
    this.snapshot.missing.push(missing);
  }

  /** What records for this snapshot are made with (after `build()`, a fresh one that shares nothing). */
  get intern(): RecordInterner {
    return this.interner ?? new RecordInterner();
  }

  build(): BuildSnapshotResult {
    this.interner = undefined;
    for (const ns of this.referenced) {
      if (!this.declared.has(ns)) {
        this.declared.set(ns, {
          name: ns,
          labels: { [NAMESPACE_NAME_LABEL]: ns },
          annotations: {},
        });
      }
    }
    this.snapshot.namespaces = [...this.declared.values()].sort((a, b) =>
      compareText(a.name, b.name),
    );
    return { snapshot: this.snapshot, skipped: this.skipped };
  }
}

/** @public */
export function buildClusterSnapshot(
  input: BuildSnapshotInput,
): BuildSnapshotResult {
  const builder = new ClusterSnapshotBuilder(input);
  for (const obj of input.objects ?? []) {
    for (const record of toSnapshotRecords(obj, undefined, undefined, builder.intern))
      builder.add(record);
  }
  return builder.build();
}
