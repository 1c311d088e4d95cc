/**
 * Calico NetworkPolicy and GlobalNetworkPolicy (projectcalico.org/v3).
 *
 * `spec.selector` is a Calico selector expression (absent or empty:
 * `all()`) over the pod's labels plus Calico's own
 * (`projectcalico.org/namespace`, `pcns.*`). A namespaced policy selects
 * pods of its namespace; a global one selects pods of every namespace,
 * narrowed by `spec.namespaceSelector` (over the namespace's labels and
 * `projectcalico.org/name`) when set. A selector the parser does not
 * support, or `serviceAccountSelector` (service accounts are not in the
 * snapshot), makes the policy select nothing, with a problem saying so.
 */
import type { OtherPolicySnapshot } from '../snapshot';
import { parseCalicoSelector } from '../selectors/calicoSelector';
import type { Labels } from '../selectors/labelSelector';
import type { CompiledOtherPolicy } from './compiledOtherPolicy';
import { EndpointView } from './endpointView';

export function compileCalicoPolicy(
  policy: OtherPolicySnapshot,
): CompiledOtherPolicy {
  const global = policy.kind === 'CalicoGlobalNetworkPolicy';
  const spec = (
    policy.spec && typeof policy.spec === 'object' ? policy.spec : {}
  ) as Record<string, any>;
  const problems: string[] = [];
  let usable = true;
  const selector = parseCalicoSelector(
    typeof spec.selector === 'string' ? spec.selector : '',
  );
  if (!selector.ok) {
    problems.push(
      `selector: ${selector.error}; the policy is treated as selecting nothing`,
    );
    usable = false;
  }
  let nsMatcher: ((labels: Labels) => boolean) | undefined;
  if (
    global &&
    typeof spec.namespaceSelector === 'string' &&
    spec.namespaceSelector.trim() !== ''
  ) {
    const parsed = parseCalicoSelector(spec.namespaceSelector);
    if (parsed.ok) nsMatcher = parsed.matches;
    else {
      problems.push(
        `namespaceSelector: ${parsed.error}; the policy is treated as selecting nothing`,
      );
      usable = false;
    }
  }
  if (
    typeof spec.serviceAccountSelector === 'string' &&
    spec.serviceAccountSelector.trim() !== ''
  ) {
    problems.push(
      'serviceAccountSelector is not evaluated (service accounts are not read); the policy is treated as selecting nothing',
    );
    usable = false;
  }
  const types = new Set<string>();
  if (Array.isArray(spec.types))
    spec.types.forEach((t: unknown) => types.add(String(t)));
  else {
    if (spec.ingress || !spec.egress) types.add('Ingress');
    if (spec.egress) types.add('Egress');
  }
  const namespace = global ? undefined : policy.namespace;
  const selects = (endpoint: EndpointView): boolean => {
    if (!usable || !selector.ok) return false;
    if (namespace !== undefined && endpoint.namespace !== namespace)
      return false;
    if (nsMatcher) {
      const nsLabels = {
        ...endpoint.namespaceLabels,
        'projectcalico.org/name': endpoint.namespace,
      };
      if (!nsMatcher(nsLabels)) return false;
    }
    return selector.matches(endpoint.calicoLabels());
  };
  return {
    id: namespace ? `${namespace}/${policy.name}` : policy.name,
    kind: policy.kind,
    ref: { kind: policy.kind, namespace, name: policy.name },
    namespace,
    source: policy,
    policyTypes: ['Ingress', 'Egress'].filter(t => types.has(t)),
    problems,
    selects,
    selectsNamespace: (ns, nsLabels) =>
      selects(new EndpointView(ns, nsLabels, {})),
  };
}
