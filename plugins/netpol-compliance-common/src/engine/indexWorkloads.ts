/**
 * Each resolved workload with the shapes of its pods (live pods, and its
 * template for the pods to come), and the addresses of its live pods on
 * their shapes, for address peers.
 */
import type { ClusterSnapshot, ContainerPortSnapshot } from '../snapshot/types';
import type { Labels } from '../selectors/labelSelector';
import { resolveWorkloads } from '../workloads/resolveWorkloads';
import type { IndexedWorkload } from './clusterIndex';
import type { PodShape, PodShapes } from './podShapes';
import { cmp, sameLabels, samePorts } from './shapeKeys';

export function indexWorkloads(
  snapshot: ClusterSnapshot,
  shapes: PodShapes,
  ensure: (namespace: string) => void,
): Map<string, IndexedWorkload[]> {
  // Templates carry their service account on the controller.
  const templateAccounts = new Map<string, string | undefined>();
  for (const c of snapshot.controllers ?? [])
    templateAccounts.set(`${c.namespace}/${c.kind}/${c.name}`, c.templateServiceAccountName);

  const workloadsByNamespace = new Map<string, IndexedWorkload[]>();
  for (const [namespace, list] of resolveWorkloads(snapshot)) {
    ensure(namespace);
    const indexed = list.map((w): IndexedWorkload => {
      const wShapes: PodShape[] = [];
      const add = (labels: Labels, ports: ContainerPortSnapshot[], account: string | undefined): PodShape => {
        const sa = account || 'default';
        // Replicas usually look alike: compare with the shapes already found
        // before building any key.
        for (const s of wShapes)
          if (s.serviceAccount === sa && sameLabels(s.labels, labels) && samePorts(s.ports, ports)) return s;
        const s = shapes.shapeFor(namespace, labels, ports, sa);
        if (!wShapes.includes(s)) wShapes.push(s);
        return s;
      };
      for (const p of w.livePods) {
        const s = add(p.labels ?? {}, p.ports ?? [], p.serviceAccountName);
        // A shape stands for all its pods: their addresses, for address peers.
        if (p.podIPs?.length) (s.ips ??= []).push(...p.podIPs);
      }
      if (w.template)
        add(w.template.labels, w.template.ports, templateAccounts.get(`${namespace}/${w.ref.kind}/${w.ref.name}`));
      wShapes.sort(
        (a, b) => cmp(a.labelsKey, b.labelsKey) || cmp(a.portsKey, b.portsKey) || cmp(a.serviceAccount, b.serviceAccount),
      );
      return { ...w, shapes: wShapes };
    });
    workloadsByNamespace.set(namespace, indexed);
  }
  return workloadsByNamespace;
}
