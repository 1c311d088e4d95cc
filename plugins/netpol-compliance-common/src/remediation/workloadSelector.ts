/**
 * How a generated policy names a workload: the labels every pod of it
 * carries, without the ones controllers stamp per revision or per pod
 * (they change on each rollout), and the ports it is reached on: those its
 * containers declare and those the Services selecting its pods target.
 */
import type { IndexedWorkload } from '../engine/clusterIndex';
import type { ContainerPortSnapshot, ServiceSnapshot } from '../snapshot/types';
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

/** A port a generated rule allows. */
export interface AllowedPort {
  protocol: string;
  port: number;
}

function containerPortsOf(w: IndexedWorkload): ContainerPortSnapshot[] {
  return w.livePods.length ? w.livePods.flatMap(p => p.ports) : w.template?.ports ?? [];
}

/** Distinct ports (protocol upper-cased), by number then protocol. */
function sortedPorts(ports: AllowedPort[]): AllowedPort[] {
  const seen = new Map<string, AllowedPort>();
  for (const p of ports) {
    const protocol = p.protocol.toUpperCase();
    seen.set(`${protocol}/${p.port}`, { protocol, port: p.port });
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/**
 * The ports the workload is reached on: its containers' declared ports and
 * the target ports of the Services of its namespace whose selector matches
 * its pods (a named targetPort resolved through the containers' port
 * names; one no container names is left out, with a note). Empty: nothing
 * declares a port.
 */
export function reachedPorts(
  w: IndexedWorkload,
  namespace: string,
  services: ServiceSnapshot[] = [],
): { ports: AllowedPort[]; notes: string[] } {
  const containers = containerPortsOf(w);
  const ports: AllowedPort[] = containers.map(p => ({ protocol: p.protocol ?? 'TCP', port: p.containerPort }));
  const notes: string[] = [];
  const labelSets = workloadLabelSets(w);
  for (const service of services) {
    if (service.namespace !== namespace) continue;
    const selects = labelSets.some(labels => Object.entries(service.selector).every(([k, v]) => labels[k] === v));
    if (!selects) continue;
    for (const sp of service.ports) {
      const protocol = sp.protocol ?? 'TCP';
      const target = sp.targetPort ?? sp.port;
      if (typeof target === 'number') {
        ports.push({ protocol, port: target });
        continue;
      }
      const named = containers.filter(c => c.name === target && (c.protocol ?? 'TCP').toUpperCase() === protocol.toUpperCase());
      if (!named.length) {
        notes.push(`Service ${namespace}/${service.name} targets port "${target}", which no container of ${namespace}/${w.id} names: left out`);
      }
      for (const c of named) ports.push({ protocol, port: c.containerPort });
    }
  }
  return { ports: sortedPorts(ports), notes };
}
