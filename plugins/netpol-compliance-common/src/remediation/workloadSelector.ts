/**
 * How a generated policy names a workload: the labels every pod of it
 * carries, without the ones controllers stamp per revision or per pod
 * (they change on each rollout), and the ports its containers declare.
 */
import type { IndexedWorkload } from '../engine/clusterIndex';
import type { ContainerPortSnapshot } from '../snapshot/types';
import { workloadLabelSets } from '../connections/entityWorkloads';

const PER_REVISION = [
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
];

/** Labels shared by all pods of the workload; empty when none is stable. */
export function workloadMatchLabels(w: IndexedWorkload): Record<string, string> {
  const sets = workloadLabelSets(w);
  if (!sets.length) return {};
  const shared: Record<string, string> = {};
  for (const [k, v] of Object.entries(sets[0])) {
    if (PER_REVISION.includes(k)) continue;
    if (sets.every(s => s[k] === v)) shared[k] = v;
  }
  return shared;
}

/** Distinct declared ports (protocol and number) of the workload's pods or template. */
export function workloadPorts(w: IndexedWorkload): Array<{ protocol: string; port: number }> {
  const all: ContainerPortSnapshot[] = w.livePods.length
    ? w.livePods.flatMap(p => p.ports)
    : w.template?.ports ?? [];
  const seen = new Map<string, { protocol: string; port: number }>();
  for (const p of all) {
    const protocol = (p.protocol ?? 'TCP').toUpperCase();
    seen.set(`${protocol}/${p.containerPort}`, { protocol, port: p.containerPort });
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}
