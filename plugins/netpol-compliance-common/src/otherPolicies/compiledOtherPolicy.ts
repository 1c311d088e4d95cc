import type { OtherPolicyKind, OtherPolicySnapshot } from '../snapshot';
import type { PolicyRef } from '../report';
import type { Labels } from '../selectors/labelSelector';
import type { ModelPolicy } from '../policyModel/types';
import type { EndpointView } from './endpointView';

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
