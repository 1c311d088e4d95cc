/**
 * The ends of a reachability query, resolved on the index: a pod, an IP
 * (a pod's IP is that pod), or a workload. A workload whose pods differ
 * (labels, ports, service account) gives one end per distinct pod shape,
 * each naming its pods, so the answer can say `allowed for 2 of 3 pods`
 * instead of answering for whichever pod sorts first.
 */
import type { PodSnapshot } from '../snapshot/types';
import type { ClusterIndex, PodShape } from '../engine/clusterIndex';
import { parseIp } from '../semantics/ipBlock';
import { ReachabilityEndpoint, ReachabilityQueryError } from './types';

export type End =
  | {
      kind: 'pod';
      shape: PodShape;
      label: string;
      ips: string[];
      /** Pods this end stands for (names), and how many. */
      pods: string[];
    }
  | { kind: 'ip'; ip: string; label: string; pods: string[] };

export function resolveEnds(
  index: ClusterIndex,
  ep: ReachabilityEndpoint,
  notes: string[],
): End[] {
  if ('ip' in ep) {
    const addr = parseIp(ep.ip);
    if (!addr)
      throw new ReachabilityQueryError(`"${ep.ip}" is not an IP address`);
    const pod = index.podsByIp().get(addr.toString());
    if (pod) {
      notes.push(
        `${ep.ip} is the IP of pod ${pod.namespace}/${pod.name}: evaluated as that pod`,
      );
      return [podEnd(index, pod, notes)];
    }
    return [{ kind: 'ip', ip: addr.toString(), label: ep.ip, pods: [] }];
  }
  if ('pod' in ep) {
    const pod = index.podsByName().get(`${ep.namespace}/${ep.pod}`);
    if (!pod)
      throw new ReachabilityQueryError(
        `pod ${ep.namespace}/${ep.pod} is not in the snapshot`,
      );
    return [podEnd(index, pod, notes)];
  }
  const list = index.workloadsByNamespace.get(ep.namespace) ?? [];
  const workload = list.find(w => w.id === ep.workload);
  if (!workload || workload.shapes.length === 0) {
    if (runsOnHostNetwork(index, ep.namespace, ep.workload)) {
      throw new ReachabilityQueryError(
        `workload ${ep.namespace}/${ep.workload} uses the host network: NetworkPolicy does not apply to it; ask about one of its pods or its node's address instead`,
      );
    }
    throw new ReachabilityQueryError(
      `workload ${ep.namespace}/${ep.workload} is not in the snapshot`,
    );
  }
  const label = `${ep.namespace}/${ep.workload}`;
  if (workload.livePods.length === 0) {
    return [
      { kind: 'pod', shape: workload.shapes[0], label, ips: [], pods: [] },
    ];
  }
  // Group the live pods by the shape the index gave them.
  return workload.shapes
    .map((shape): End => {
      const pods = workload.livePods.filter(
        p =>
          index.shapeOf(
            p.namespace,
            p.labels ?? {},
            p.ports ?? [],
            p.serviceAccountName,
          ) === shape,
      );
      const ips = pods.flatMap(p => p.podIPs ?? []);
      return {
        kind: 'pod',
        shape: { ...shape, ips },
        label,
        ips,
        pods: pods.map(p => p.name),
      };
    })
    .filter(e => e.pods.length > 0);
}

/**
 * Whether `Kind/name` is a controller whose pods use the host network: such
 * workloads are left out of the index (NetworkPolicy does not apply), which
 * deserves a better answer than "not found".
 */
function runsOnHostNetwork(
  index: ClusterIndex,
  namespace: string,
  workloadId: string,
): boolean {
  return (index.snapshot.controllers ?? []).some(
    c =>
      c.namespace === namespace &&
      `${c.kind}/${c.name}` === workloadId &&
      c.templateHostNetwork,
  );
}

function podEnd(index: ClusterIndex, pod: PodSnapshot, notes: string[]): End {
  const label = `${pod.namespace}/${pod.name}`;
  if (pod.hostNetwork) {
    notes.push(
      `${label} uses the host network: NetworkPolicy does not apply to it, and its traffic carries the node's address`,
    );
    const address = parseIp(pod.podIPs?.[0] ?? '');
    if (!address) {
      // No address yet (pending): no ipBlock can be matched against it.
      notes.push(
        `${label} has no IP address yet: ipBlock rules cannot be matched against it and are taken as not matching`,
      );
    }
    return { kind: 'ip', ip: address?.toString() ?? '', label, pods: [pod.name] };
  }
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
    notes.push(
      `${label} has finished (phase ${pod.phase}); evaluated as if it ran`,
    );
  }
  const shape = index.shapeOf(
    pod.namespace,
    pod.labels ?? {},
    pod.ports ?? [],
    pod.serviceAccountName,
  );
  return {
    kind: 'pod',
    // This pod's own addresses, for the peers that match pods by address.
    shape: { ...shape, ips: pod.podIPs ?? [] },
    label,
    ips: pod.podIPs ?? [],
    pods: [pod.name],
  };
}
