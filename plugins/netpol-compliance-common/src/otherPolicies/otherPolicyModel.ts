import type { OtherPolicyKind, OtherPolicySnapshot } from '../snapshot/types';
import type { PolicyRef } from '../report';
import type { Labels } from '../selectors/labelSelector';
import type { ModelPolicy } from '../policyModel/types';
import { EndpointView } from './endpointView';

/** A Cilium or Calico policy: whom it selects, and its rules in the policy model. */
export interface CompiledOtherPolicy {
  /** `namespace/name`, or `name` for the cluster-wide kinds. */
  id: string;
  kind: OtherPolicyKind;
  ref: PolicyRef;
  /** Undefined for the cluster-wide kinds. */
  namespace?: string;
  source: OtherPolicySnapshot;
  /** Directions it isolates (puts into default deny). */
  policyTypes: string[];
  problems: string[];
  /** Whether it selects a pod shaped like `endpoint`. */
  selects(endpoint: EndpointView): boolean;
  /** Whether it selects a pod without labels of this namespace: it covers the whole namespace. */
  selectsNamespace(namespace: string, namespaceLabels: Labels): boolean;
  /** The policy in the model every control and reachability read. */
  model: ModelPolicy;
}

/** What differs between the kinds: the rest of a CompiledOtherPolicy follows from it. */
export interface OtherPolicyParts {
  /** Undefined for the cluster-wide kinds. */
  namespace: string | undefined;
  /** Directions it isolates, `Ingress`/`Egress`. */
  types: ReadonlySet<string>;
  problems: string[];
  selects(endpoint: EndpointView): boolean;
  /** Its place in the namespace tier: lower first. */
  order: number;
  model: Pick<ModelPolicy, 'isolates' | 'rules' | 'appliesTo' | 'isolatesPod'>;
}

/**
 * The one way a Calico or Cilium policy becomes a CompiledOtherPolicy: its
 * names (`ns/name`, the model's `Kind ns/name`), its reference, its place in
 * the namespace tier, and "selects the namespace" as "selects a pod without
 * labels there".
 */
export function toCompiledOtherPolicy(
  policy: OtherPolicySnapshot,
  parts: OtherPolicyParts,
): CompiledOtherPolicy {
  const { namespace, problems, selects } = parts;
  const id = namespace ? `${namespace}/${policy.name}` : policy.name;
  const ref = { kind: policy.kind, namespace, name: policy.name };
  return {
    id,
    kind: policy.kind,
    ref,
    namespace,
    source: policy,
    policyTypes: ['Ingress', 'Egress'].filter(t => parts.types.has(t)),
    problems,
    selects,
    selectsNamespace: (ns, nsLabels) => selects(new EndpointView(ns, nsLabels, {})),
    model: {
      id: `${policy.kind} ${id}`,
      label: `${policy.kind} ${id}`,
      ref,
      tier: 'namespace',
      order: parts.order,
      namespace,
      selects: pod => selects(pod.endpoint),
      ...parts.model,
      problems,
    },
  };
}
