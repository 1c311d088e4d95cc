/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2).
 *
 * A policy is one rule (`spec`) or several (`specs`); it selects the pods
 * matched by any rule's `endpointSelector` (a LabelSelector). Cilium keys
 * may carry a source prefix (`k8s:app`, `any:app`): the prefix is dropped.
 * A namespaced policy only selects pods of its namespace. A cluster-wide
 * policy selects pods of every namespace, and often narrows them with
 * `io.kubernetes.pod.namespace` (the namespace name) or
 * `io.cilium.k8s.namespace.labels.*`: Cilium's own labels, matched here
 * against the pod's namespace, never against the pod's labels.
 * Rules with `nodeSelector` instead select nodes (host policies), no pods.
 */
import type { LabelSelector, OtherPolicySnapshot } from '../snapshot';
import {
  compileLabelSelector,
  CompiledLabelSelector,
} from '../selectors/labelSelector';
import type { CompiledOtherPolicy } from './compiledOtherPolicy';
import { EndpointView } from './endpointView';

const PREFIX = /^(k8s|any):/;

function stripPrefixes(selector: LabelSelector): LabelSelector {
  const out: LabelSelector = {};
  if (selector.matchLabels && typeof selector.matchLabels === 'object') {
    out.matchLabels = {};
    for (const [k, v] of Object.entries(selector.matchLabels)) {
      out.matchLabels[k.replace(PREFIX, '')] = v;
    }
  }
  if (Array.isArray(selector.matchExpressions)) {
    out.matchExpressions = selector.matchExpressions.map(e => ({
      ...e,
      key: typeof e?.key === 'string' ? e.key.replace(PREFIX, '') : e?.key,
    }));
  }
  return out;
}

function rulesOf(spec: unknown): Array<Record<string, any>> {
  if (Array.isArray(spec)) return spec.filter(r => r && typeof r === 'object');
  if (spec && typeof spec === 'object') return [spec as Record<string, any>];
  return [];
}

export function compileCiliumPolicy(
  policy: OtherPolicySnapshot,
): CompiledOtherPolicy {
  const clusterWide = policy.kind === 'CiliumClusterwideNetworkPolicy';
  const problems: string[] = [];
  const selectors: CompiledLabelSelector[] = [];
  const types = new Set<string>();
  const rules = rulesOf(policy.spec);
  if (rules.length === 0)
    problems.push('no spec or specs: the policy selects nothing');
  rules.forEach((rule, i) => {
    const where = rules.length > 1 ? `specs[${i}]` : 'spec';
    if (rule.ingress || rule.ingressDeny) types.add('Ingress');
    if (rule.egress || rule.egressDeny) types.add('Egress');
    if (rule.endpointSelector !== undefined && rule.endpointSelector !== null) {
      const compiled = compileLabelSelector(
        stripPrefixes(rule.endpointSelector),
        `${where}.endpointSelector`,
      );
      if (!compiled.valid) problems.push(...compiled.problems);
      selectors.push(compiled);
    } else if (rule.nodeSelector) {
      problems.push(
        `${where}: nodeSelector rule selects nodes (host policy), not pods`,
      );
    } else {
      problems.push(`${where}: no endpointSelector: the rule selects nothing`);
    }
  });
  const namespace = clusterWide ? undefined : policy.namespace;
  const selects = (endpoint: EndpointView): boolean => {
    if (namespace !== undefined && endpoint.namespace !== namespace)
      return false;
    if (selectors.length === 0) return false;
    const labels = endpoint.ciliumLabels();
    return selectors.some(s => s.matches(labels));
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
