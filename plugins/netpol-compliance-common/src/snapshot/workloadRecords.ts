/**
 * The records of pods and workload controllers: labels, owners, ports,
 * addresses and service accounts, the fields policy selection and
 * workload resolution read, shared through the interner.
 */
import type { ControllerSnapshot, PodSnapshot } from './types';
import type { RecordInterner } from './recordInterner';
import { CONTAINER_KINDS } from './readKinds';
import { containerPorts, containers, ownerRefs, podIPs, podTemplate, serviceAccountOf, stringMap } from './objectFields';

export function podRecord(
  obj: Record<string, any>,
  namespace: string,
  name: string,
  labels: Record<string, string>,
  intern: RecordInterner,
): PodSnapshot {
  const p: PodSnapshot = {
    namespace,
    name,
    labels,
    ownerReferences: intern.ownerReferences(ownerRefs(obj.metadata?.ownerReferences)),
    podIPs: intern.podIPs(podIPs(obj.status)),
    ports: intern.containerPorts(containerPorts(obj.spec)),
  };
  if (obj.status?.phase) p.phase = intern.string(String(obj.status.phase));
  if (obj.spec?.hostNetwork) p.hostNetwork = true;
  const sa = serviceAccountOf(obj.spec);
  if (sa) p.serviceAccountName = intern.string(sa);
  return p;
}

export function controllerRecord(
  obj: Record<string, any>,
  kind: string,
  namespace: string,
  name: string,
  labels: Record<string, string>,
  intern: RecordInterner,
): ControllerSnapshot {
  const template = podTemplate(kind, obj.spec);
  const controller: ControllerSnapshot = {
    kind: intern.string(kind),
    namespace,
    name,
    labels,
    ownerReferences: intern.ownerReferences(ownerRefs(obj.metadata?.ownerReferences)),
    templateLabels: intern.stringMap(stringMap(template?.metadata?.labels)),
    templatePorts: intern.containerPorts(containerPorts(template?.spec)),
    // Only enforcer detection reads containers, and only of DaemonSets and
    // Deployments: a large cluster's many ReplicaSets and Jobs keep none.
    containers: CONTAINER_KINDS.has(kind) ? containers(template?.spec) : intern.noContainers(),
  };
  if (template?.spec?.hostNetwork) controller.templateHostNetwork = true;
  const sa = serviceAccountOf(template?.spec);
  if (sa) controller.templateServiceAccountName = intern.string(sa);
  return controller;
}
