/**
 * Builds `ModelPod` values, and the probe pods that tell whether a peer or
 * a selector covers "everyone" by meaning: a pod without labels in every
 * namespace of the cluster and in a namespace created tomorrow. A selector
 * written `Exists kubernetes.io/metadata.name` or `NotIn [nonexistent]`
 * matches all of them as surely as `{}` does.
 */
import type { ContainerPortSnapshot } from '../snapshot/types';
import { Labels, labelsKey } from '../selectors/labelSelector';
import { EndpointView } from '../otherPolicies/endpointView';
import type { ModelPod } from './types';
import { NAMESPACE_NAME_LABEL } from '../snapshot/wellKnownLabels';


export function modelPod(
  namespace: string,
  namespaceLabels: Labels,
  labels: Labels,
  serviceAccount: string | undefined,
  ports: ContainerPortSnapshot[],
): ModelPod {
  const lk = labelsKey(labels);
  const sa = serviceAccount || 'default';
  return {
    namespace,
    namespaceLabels,
    labels,
    serviceAccount: sa,
    ports,
    podView: {
      namespace,
      namespaceKey: `\u0002${namespace}`,
      namespaceLabels,
      labels,
      labelsKey: lk,
    },
    endpoint: new EndpointView(namespace, namespaceLabels, labels, sa),
  };
}

export interface NamespaceProbe {
  name: string;
  labels: Labels;
}

/** A name no namespace has (not a valid DNS label, so never a real one). */
const FRESH = '~new-namespace~';

/** Every namespace of the cluster, and one that does not exist yet. */
export function namespaceProbes(existing: NamespaceProbe[]): NamespaceProbe[] {
  return [
    ...existing,
    { name: FRESH, labels: { [NAMESPACE_NAME_LABEL]: FRESH } },
  ];
}

/** A pod without labels, ports or service account in each probe namespace. */
export function probePods(namespaces: NamespaceProbe[]): ModelPod[] {
  return namespaceProbes(namespaces).map(ns =>
    modelPod(ns.name, ns.labels, {}, undefined, []),
  );
}
