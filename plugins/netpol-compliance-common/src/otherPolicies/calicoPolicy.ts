/**
 * Calico NetworkPolicy and GlobalNetworkPolicy (projectcalico.org/v3).
 *
 * `spec.selector` is a Calico selector expression (absent or empty:
 * `all()`) over the pod's labels plus Calico's own
 * (`projectcalico.org/namespace`, `projectcalico.org/serviceaccount`,
 * `pcns.*`). A namespaced policy selects pods of its namespace; a global
 * one selects pods of every namespace, narrowed by `spec.namespaceSelector`
 * (over the namespace's labels and `projectcalico.org/name`) when set, and
 * by `spec.serviceAccountSelector` (over the service account, known here
 * by its name: `projectcalico.org/name`). A selector the parser does not
 * support makes the policy select nothing, with a problem saying so.
 *
 * In the model: namespace tier, ordered by `order` (absent: after every
 * ordered policy, as Calico does); a policy selecting a pod for a
 * direction of its `types` isolates it (end-of-tier deny), so `types`
 * with no rules is a default deny.
 */
import type { OtherPolicySnapshot } from '../snapshot/types';
import { parseCalicoSelector } from '../selectors/calicoSelector';
import type { Labels } from '../selectors/labelSelector';
import type { ModelContext, ModelPod, ModelRule } from '../policyModel/types';
import { defaultModelContext } from '../policyModel/context';
import { CompiledOtherPolicy, toCompiledOtherPolicy } from './otherPolicyModel';
import type { EndpointView } from './endpointView';
import { compileCalicoRules } from './calicoRules';

function matcher(
  text: unknown,
  field: string,
  problems: string[],
): ((labels: Labels) => boolean) | undefined | false {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const parsed = parseCalicoSelector(text);
  if (parsed.ok) return parsed.matches;
  problems.push(`${field}: ${parsed.error}; the policy is treated as selecting nothing`);
  return false;
}

export function compileCalicoPolicy(
  policy: OtherPolicySnapshot,
  ctx: ModelContext = defaultModelContext(),
): CompiledOtherPolicy {
  const global = policy.kind === 'CalicoGlobalNetworkPolicy';
  const spec = (
    policy.spec && typeof policy.spec === 'object' ? policy.spec : {}
  ) as Record<string, any>;
  const problems: string[] = [];
  const selector = parseCalicoSelector(
    typeof spec.selector === 'string' ? spec.selector : '',
  );
  if (!selector.ok)
    problems.push(`selector: ${selector.error}; the policy is treated as selecting nothing`);
  const nsMatcher = global
    ? matcher(spec.namespaceSelector, 'namespaceSelector', problems)
    : undefined;
  const saMatcher = matcher(spec.serviceAccountSelector, 'serviceAccountSelector', problems);
  if (saMatcher)
    problems.push('serviceAccountSelector: service account labels are not read; only projectcalico.org/name (the account\'s name) is known');
  const types = new Set<string>();
  if (Array.isArray(spec.types)) spec.types.forEach((t: unknown) => types.add(String(t)));
  else {
    if (spec.ingress || !spec.egress) types.add('Ingress');
    if (spec.egress) types.add('Egress');
  }
  if (spec.tier !== undefined && spec.tier !== 'default')
    problems.push(`tier "${spec.tier}": Calico tiers are not read; evaluated as the default tier`);
  const namespace = global ? undefined : policy.namespace;
  const usable = selector.ok && nsMatcher !== false && saMatcher !== false;
  const selects = (endpoint: EndpointView): boolean => {
    if (!usable || !selector.ok) return false;
    if (namespace !== undefined && endpoint.namespace !== namespace) return false;
    if (nsMatcher) {
      const nsLabels = { ...endpoint.namespaceLabels, 'projectcalico.org/name': endpoint.namespace };
      if (!nsMatcher(nsLabels)) return false;
    }
    const labels = endpoint.calicoLabels();
    // The account's name as Calico labels the endpoint with it.
    if (
      saMatcher &&
      !saMatcher({ 'projectcalico.org/name': labels['projectcalico.org/serviceaccount'] })
    )
      return false;
    return selector.matches(labels);
  };
  const ingress = compileCalicoRules(spec.ingress, 'ingress', namespace, problems, ctx);
  const egress = compileCalicoRules(spec.egress, 'egress', namespace, problems, ctx);
  const subject = new Map<ModelRule, (pod: ModelPod) => boolean>([
    ...ingress.subject,
    ...egress.subject,
  ]);
  const order = typeof spec.order === 'number' ? spec.order : Number(spec.order);
  return toCompiledOtherPolicy(policy, {
    namespace,
    types,
    problems,
    selects,
    order: Number.isFinite(order) ? order : Infinity,
    model: {
      isolates: { ingress: types.has('Ingress'), egress: types.has('Egress') },
      rules: {
        ingress: types.has('Ingress') ? ingress.rules : [],
        egress: types.has('Egress') ? egress.rules : [],
      },
      ...(subject.size
        ? { appliesTo: (rule: ModelRule, pod: ModelPod) => subject.get(rule)?.(pod) ?? true }
        : {}),
    },
  });
}
