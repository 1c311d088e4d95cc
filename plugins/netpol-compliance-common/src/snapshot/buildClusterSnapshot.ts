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
import type { ClusterSnapshot, MissingData, NamespaceSnapshot } from './types';
import { compareText } from '../semantics/compareText';
import { RecordInterner } from './recordInterner';
import { NAMESPACE_NAME_LABEL } from './wellKnownLabels';
import { SnapshotRecord, toSnapshotRecords } from './snapshotRecords';

export { toSnapshotRecords } from './snapshotRecords';
export type { SnapshotRecord } from './snapshotRecords';
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
