/** Policies back as the manifests people recognise, for the evidence view. */
import type { NetworkPolicySnapshot, OtherPolicySnapshot } from '../snapshot/types';
import { toYaml } from './toYaml';

/** Annotations that only repeat the object (kubectl's last-applied copy). */
const NOISY_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
]);

function metadata(
  name: string,
  namespace: string | undefined,
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
) {
  const meta: Record<string, unknown> = { name };
  if (namespace !== undefined) meta.namespace = namespace;
  if (labels && Object.keys(labels).length) meta.labels = labels;
  const kept = Object.entries(annotations ?? {}).filter(
    ([k]) => !NOISY_ANNOTATIONS.has(k),
  );
  if (kept.length) meta.annotations = Object.fromEntries(kept);
  return meta;
}

export function networkPolicyYaml(policy: NetworkPolicySnapshot): string {
  return toYaml({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(
      policy.name,
      policy.namespace,
      policy.labels,
      policy.annotations,
    ),
    spec: policy.spec ?? {},
  });
}

export function otherPolicyYaml(policy: OtherPolicySnapshot): string {
  const meta = metadata(policy.name, policy.namespace);
  switch (policy.kind) {
    case 'CalicoNetworkPolicy':
      return toYaml({
        apiVersion: 'projectcalico.org/v3',
        kind: 'NetworkPolicy',
        metadata: meta,
        spec: policy.spec ?? {},
      });
    case 'CalicoGlobalNetworkPolicy':
      return toYaml({
        apiVersion: 'projectcalico.org/v3',
        kind: 'GlobalNetworkPolicy',
        metadata: meta,
        spec: policy.spec ?? {},
      });
    default:
      return toYaml({
        apiVersion: 'cilium.io/v2',
        kind: policy.kind,
        metadata: meta,
        ...(Array.isArray(policy.spec)
          ? { specs: policy.spec }
          : { spec: policy.spec ?? {} }),
      });
  }
}
