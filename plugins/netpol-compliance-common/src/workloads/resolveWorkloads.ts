/**
 * Pods grouped by their top-level owner: the unit people own and fix.
 *
 * A pod's controller owner reference is followed up the chain
 * (Pod → ReplicaSet → Deployment, Pod → Job → CronJob); the last owner
 * found is the workload (`Deployment/web`). A pod without owner, or owned
 * by a Node (static pods), is its own workload (`Pod/name`). When a
 * ReplicaSet is not in the snapshot, its Deployment is recovered from the
 * `pod-template-hash` naming convention, and when a Job is not, its CronJob
 * is recovered when the snapshot holds a CronJob whose name the Job's
 * `<cronjob>-<scheduled minute>` name carries. Any other owner missing from
 * the snapshot (a DaemonSet, StatefulSet or Job absent from a `kubectl get
 * pods -A` dump, an operator's custom resource) is the workload itself, as
 * the owner references name it.
 *
 * Top-level controllers with no live pod (manifests from Git, a Deployment
 * scaled to zero, a CronJob between runs) are evaluated through their pod
 * template, so one engine serves a live cluster and a GitOps folder.
 *
 * hostNetwork pods and finished pods (Succeeded, Failed) are skipped:
 * NetworkPolicy does not apply to the former, and the latter send and
 * receive nothing.
 */
import type {
  ClusterSnapshot,
  ContainerPortSnapshot,
  ControllerSnapshot,
  OwnerReference,
  PodSnapshot,
} from '../snapshot/types';
import { compareText } from '../semantics/compareText';
import type { WorkloadRef } from '../report';

/** The pod template of a workload evaluated without live pods. @public */
export interface WorkloadMember {
  labels: Record<string, string>;
  ports: ContainerPortSnapshot[];
}

/** @public */
export interface ResolvedWorkload {
  ref: WorkloadRef;
  /** `Kind/name` */
  id: string;
  /** Live pods counted (0 when evaluated from the template). */
  pods: number;
  fromTemplate: boolean;
  /** The live pods, in input order. */
  livePods: PodSnapshot[];
  /** The controller's pod template, set when there is no live pod. */
  template?: WorkloadMember;
}

/** Whether NetworkPolicy concerns this pod at all. @public */
export function isProtectablePod(pod: PodSnapshot): boolean {
  return (
    !pod.hostNetwork && pod.phase !== 'Succeeded' && pod.phase !== 'Failed'
  );
}

function controllerOf(
  refs: OwnerReference[] | undefined,
): OwnerReference | undefined {
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  return refs.find(r => r.controller) ?? refs[0];
}

/** Looks up controllers by namespace, kind and name. */
export class ControllerIndex {
  // namespace -> kind -> name: no key string built per lookup.
  private readonly byNamespace = new Map<
    string,
    Map<string, Map<string, ControllerSnapshot>>
  >();

  constructor(controllers: ControllerSnapshot[]) {
    for (const c of controllers) {
      let byKind = this.byNamespace.get(c.namespace);
      if (!byKind) this.byNamespace.set(c.namespace, (byKind = new Map()));
      let byName = byKind.get(c.kind);
      if (!byName) byKind.set(c.kind, (byName = new Map()));
      byName.set(c.name, c);
    }
  }

  get(
    namespace: string,
    kind: string,
    name: string,
  ): ControllerSnapshot | undefined {
    return this.byNamespace.get(namespace)?.get(kind)?.get(name);
  }
}

/** The top-level owner of an object with these owner references. */
export function topLevelOwner(
  namespace: string,
  self: { kind: string; name: string; labels?: Record<string, string> },
  ownerReferences: OwnerReference[] | undefined,
  controllers: ControllerIndex,
): WorkloadRef {
  let current: WorkloadRef = { kind: self.kind, name: self.name, namespace };
  let refs = ownerReferences;
  const seen = new Set<string>();
  for (let depth = 0; depth < 10; depth++) {
    const owner = controllerOf(refs);
    if (!owner || !owner.kind || !owner.name || owner.kind === 'Node')
      return current;
    const key = `${owner.kind}/${owner.name}`;
    if (seen.has(key)) return current;
    seen.add(key);
    const found = controllers.get(namespace, owner.kind, owner.name);
    if (found) {
      current = { kind: found.kind, name: found.name, namespace };
      refs = found.ownerReferences;
      continue;
    }
    const hash = self.labels?.['pod-template-hash'];
    if (
      owner.kind === 'ReplicaSet' &&
      hash &&
      owner.name.endsWith(`-${hash}`)
    ) {
      return {
        kind: 'Deployment',
        name: owner.name.slice(0, -(hash.length + 1)),
        namespace,
      };
    }
    if (owner.kind === 'Job') {
      const cronJob = cronJobOfJob(owner.name, namespace, controllers);
      if (cronJob) return cronJob;
    }
    return { kind: owner.kind, name: owner.name, namespace };
  }
  return current;
}

/** The CronJob that named a Job `<cronjob>-<minutes since the epoch>`, when the snapshot holds it. */
function cronJobOfJob(
  jobName: string,
  namespace: string,
  controllers: ControllerIndex,
): WorkloadRef | undefined {
  const m = /^(.+)-[0-9]+$/.exec(jobName);
  if (!m) return undefined;
  const cronJob = controllers.get(namespace, 'CronJob', m[1]);
  return cronJob
    ? { kind: 'CronJob', name: cronJob.name, namespace }
    : undefined;
}

/**
 * All workloads of the snapshot, per namespace, sorted by kind and name.
 * Pods sharing a direct owner are resolved once (a 100,000-pod cluster has
 * a few thousand owners), without building a key per pod.
 * @public
 */
export function resolveWorkloads(
  snapshot: Pick<ClusterSnapshot, 'pods' | 'controllers'>,
): Map<string, ResolvedWorkload[]> {
  const controllers = new ControllerIndex(snapshot.controllers ?? []);
  const byNamespace = new Map<string, Map<string, ResolvedWorkload>>();
  // namespace -> owner kind -> owner name -> workload
  const ownerCache = new Map<
    string,
    Map<string, Map<string, ResolvedWorkload>>
  >();

  const workloadFor = (
    ref: WorkloadRef,
    fromTemplate: boolean,
  ): ResolvedWorkload => {
    let list = byNamespace.get(ref.namespace);
    if (!list) byNamespace.set(ref.namespace, (list = new Map()));
    const id = `${ref.kind}/${ref.name}`;
    let w = list.get(id);
    if (!w) {
      w = { ref, id, pods: 0, fromTemplate, livePods: [] };
      list.set(id, w);
    }
    return w;
  };

  for (const pod of snapshot.pods ?? []) {
    if (!isProtectablePod(pod)) continue;
    const owner = controllerOf(pod.ownerReferences);
    let byKind: Map<string, Map<string, ResolvedWorkload>> | undefined;
    let byName: Map<string, ResolvedWorkload> | undefined;
    let w: ResolvedWorkload | undefined;
    if (owner) {
      byKind = ownerCache.get(pod.namespace);
      if (!byKind) ownerCache.set(pod.namespace, (byKind = new Map()));
      byName = byKind.get(owner.kind);
      if (!byName) byKind.set(owner.kind, (byName = new Map()));
      w = byName.get(owner.name);
    }
    if (!w) {
      const ref = topLevelOwner(
        pod.namespace,
        { kind: 'Pod', name: pod.name, labels: pod.labels },
        pod.ownerReferences,
        controllers,
      );
      w = workloadFor(ref, false);
      if (owner) byName!.set(owner.name, w);
    }
    w.pods++;
    w.livePods.push(pod);
  }
  for (const c of snapshot.controllers ?? []) {
    if (c.templateHostNetwork) continue;
    if (controllerOf(c.ownerReferences)) continue; // not top-level: its owner is the workload
    if (byNamespace.get(c.namespace)?.has(`${c.kind}/${c.name}`)) continue; // live pods describe it
    const w = workloadFor(
      { kind: c.kind, name: c.name, namespace: c.namespace },
      true,
    );
    w.template = {
      labels: c.templateLabels ?? {},
      ports: c.templatePorts ?? [],
    };
  }
  const out = new Map<string, ResolvedWorkload[]>();
  for (const [namespace, list] of byNamespace) {
    out.set(
      namespace,
      [...list.values()].sort(
        (a, b) => compareText(a.ref.kind, b.ref.kind) || compareText(a.ref.name, b.ref.name),
      ),
    );
  }
  return out;
}

