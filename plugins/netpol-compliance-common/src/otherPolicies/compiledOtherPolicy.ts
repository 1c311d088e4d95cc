import type { OtherPolicyKind, OtherPolicySnapshot } from '../snapshot';
import type { PolicyRef } from '../report';
import type { Labels } from '../selectors/labelSelector';
import type { EndpointView } from './endpointView';

/** A Cilium or Calico policy, reduced to what the controls need: whom it selects. */
export interface CompiledOtherPolicy {
  /** `namespace/name`, or `name` for the cluster-wide kinds. */
  id: string;
  kind: OtherPolicyKind;
  ref: PolicyRef;
  /** Undefined for the cluster-wide kinds. */
  namespace?: string;
  source: OtherPolicySnapshot;
  /** Directions its rules address, best effort (for the summary only). */
  policyTypes: string[];
  problems: string[];
  /** Whether it selects a pod shaped like `endpoint`. */
  selects(endpoint: EndpointView): boolean;
  /** Whether it selects a pod without labels of this namespace: it covers the whole namespace. */
  selectsNamespace(namespace: string, namespaceLabels: Labels): boolean;
}
