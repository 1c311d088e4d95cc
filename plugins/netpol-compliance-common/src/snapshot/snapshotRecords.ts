/**
 * One raw object (or a `List` of them) to the small records a snapshot
 * keeps: the backend calls `toSnapshotRecords` on each list page as it
 * arrives, so a scan never holds a cluster's raw objects, and the CLI on
 * each parsed manifest. Policy kinds are validated (an object the API
 * server would reject becomes an `invalidObject` record); kinds the engine
 * does not read become `skipped`.
 */
import type {
  AdminPolicySnapshot,
  ConfigMapSnapshot,
  ControllerSnapshot,
  InvalidObjectSnapshot,
  NamespaceSnapshot,
  NetworkPolicySnapshot,
  OtherPolicySnapshot,
  PodSnapshot,
  ServiceSnapshot,
} from './types';
import { ENFORCER_CONFIGMAPS } from '../enforcers/detectEnforcer';
import { policyKindOf, validateObject } from '../validation/validateObject';
import type { PolicyKindInfo } from '../validation/validateObject';
import { validateReadObject } from '../validation/workloadObject';
import { RecordInterner } from './recordInterner';
import { readKindOf } from './readKinds';
import { controllerRecord, podRecord } from './workloadRecords';
import { serviceRecord } from './serviceRecord';
import { apiGroup, LAST_APPLIED, stringMap } from './objectFields';
import { NAMESPACE_NAME_LABEL } from './wellKnownLabels';

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
    return { type: 'pod', value: podRecord(obj, namespace, name, labels, intern) };
  }
  if (read === 'controller') {
    return { type: 'controller', value: controllerRecord(obj, kind, namespace, name, labels, intern) };
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
