/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2).
 *
 * A policy is one rule (`spec`) or several (`specs`); it selects the pods
 * matched by any rule's `endpointSelector` (a LabelSelector over the
 * endpoint's labels as Cilium sees them). Cilium keys may carry a source
 * prefix (`k8s:app`, `any:app`): the prefix is dropped. A namespaced
 * policy only selects pods of its namespace. Rules with `nodeSelector`
 * select nodes (host policies), no pods.
 *
 * In the model, each rule is its own policy (a rule only isolates the
 * pods its endpointSelector selects, and only in the directions it has a
 * section for: `ingress`/`ingressDeny`, `egress`/`egressDeny`, non-empty);
 * `enableDefaultDeny: {ingress: false}` keeps the rule's allows but
 * isolates nothing in that direction. Allow rules are unioned; deny rules
 * win over every allow of the tier, NetworkPolicies included.
 */
import type { OtherPolicySnapshot } from '../snapshot/types';
import {
  compileLabelSelector,
  CompiledLabelSelector,
} from '../selectors/labelSelector';
import { describeCompiledPorts, NO_PORTS, resolvePorts } from '../semantics/ports';
import type {
  ModelContext,
  ModelDirection,
  ModelRule,
} from '../policyModel/types';
import { defaultModelContext } from '../policyModel/context';
import { CompiledOtherPolicy, toCompiledOtherPolicy } from './otherPolicyModel';
import type { EndpointView } from './endpointView';
import { ciliumPeers, stripPrefixes } from './ciliumPeers';
import { ciliumPorts } from '../policyModel/portList';

function rulesOf(spec: unknown): Array<Record<string, any>> {
  if (Array.isArray(spec)) return spec.filter(r => r && typeof r === 'object');
  if (spec && typeof spec === 'object') return [spec as Record<string, any>];
  return [];
}

const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;

function compileSection(
  rules: unknown,
  direction: ModelDirection,
  deny: boolean,
  namespace: string | undefined,
  where: string,
  problems: string[],
  ctx: ModelContext,
): ModelRule[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((raw, i): ModelRule => {
    const rule = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
    const at = `${where}[${i}]`;
    const { allPeers, peers, blocks } = ciliumPeers(rule, direction, namespace, at, problems, ctx);
    const ports = ciliumPorts(rule.toPorts, at);
    problems.push(...ports.problems);
    if (Array.isArray(rule.toPorts) && rule.toPorts.some((t: any) => t?.rules))
      problems.push(`${at}: layer 7 rules are not evaluated: read as allowing every request on its ports`);
    // `{}` names no peer and no port: it allows nothing (Cilium's default-deny idiom).
    const empty = allPeers && rule.toPorts === undefined;
    const icmpOnly = rule.icmps !== undefined && rule.toPorts === undefined;
    return {
      direction,
      index: i + 1,
      action: deny ? 'deny' : 'allow',
      allPeers: allPeers && !empty,
      peers,
      allPorts: ports.all && !icmpOnly,
      ports: destination =>
        icmpOnly ? NO_PORTS : resolvePorts(ports, destination),
      portsText: icmpOnly ? 'ICMP only' : describeCompiledPorts(ports),
      ...(deny ? { first: true } : {}),
      ...(blocks.length ? { addressBlocks: blocks } : {}),
    };
  });
}

interface CompiledSpec {
  selector?: CompiledLabelSelector;
  isolates: Record<ModelDirection, boolean>;
  ingress: ModelRule[];
  egress: ModelRule[];
}

/** One Cilium rule (`spec`, or one of `specs`): whom it selects, what it isolates, its rules. */
function compileRuleSpec(
  rule: Record<string, any>,
  where: string,
  namespace: string | undefined,
  problems: string[],
  ctx: ModelContext,
): CompiledSpec {
  let selector: CompiledLabelSelector | undefined;
  if (rule.endpointSelector !== undefined && rule.endpointSelector !== null) {
    selector = compileLabelSelector(
      stripPrefixes(rule.endpointSelector),
      `${where}.endpointSelector`,
    );
    if (!selector.valid) problems.push(...selector.problems);
  } else if (rule.nodeSelector) {
    problems.push(`${where}: nodeSelector rule selects nodes (host policy), not pods`);
  } else {
    problems.push(`${where}: no endpointSelector: the rule selects nothing`);
  }
  const dd = (rule.enableDefaultDeny ?? {}) as Record<string, unknown>;
  const isolates = {
    ingress: (nonEmpty(rule.ingress) || nonEmpty(rule.ingressDeny)) && dd.ingress !== false,
    egress: (nonEmpty(rule.egress) || nonEmpty(rule.egressDeny)) && dd.egress !== false,
  };
  const section = (d: ModelDirection) => [
    ...compileSection(rule[`${d}Deny`], d, true, namespace, `${where}.${d}Deny`, problems, ctx),
    ...compileSection(rule[d], d, false, namespace, `${where}.${d}`, problems, ctx),
  ];
  return { selector, isolates, ingress: section('ingress'), egress: section('egress') };
}

export function compileCiliumPolicy(
  policy: OtherPolicySnapshot,
  ctx: ModelContext = defaultModelContext(),
): CompiledOtherPolicy {
  const clusterWide = policy.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace = clusterWide ? undefined : policy.namespace;
  const problems: string[] = [];
  const rules = rulesOf(policy.spec);
  if (rules.length === 0)
    problems.push('no spec or specs: the policy selects nothing');
  const compiled = rules.map((rule, i) =>
    compileRuleSpec(
      rule,
      Array.isArray(policy.spec) ? `specs[${i}]` : 'spec',
      namespace,
      problems,
      ctx,
    ),
  );
  const selectsWith = (endpoint: EndpointView, s: CompiledLabelSelector | undefined) =>
    !!s &&
    s.valid &&
    (namespace === undefined || endpoint.namespace === namespace) &&
    s.matches(endpoint.ciliumLabels());
  const selects = (endpoint: EndpointView) =>
    compiled.some(r => selectsWith(endpoint, r.selector));
  const types = new Set<string>();
  for (const r of compiled) {
    if (r.isolates.ingress) types.add('Ingress');
    if (r.isolates.egress) types.add('Egress');
  }
  // One model policy: a rule's rules only apply to the pods its own
  // endpointSelector selects, so each rule filters on the subject.
  const subjectRules = (d: ModelDirection): ModelRule[] =>
    compiled.flatMap(r => r[d]);
  const ruleOwner = new Map<ModelRule, CompiledLabelSelector | undefined>();
  for (const r of compiled) for (const x of [...r.ingress, ...r.egress]) ruleOwner.set(x, r.selector);
  return toCompiledOtherPolicy(policy, {
    namespace,
    types,
    problems,
    selects,
    order: 1000,
    model: {
      isolatesPod: (pod, d) =>
        compiled.some(r => r.isolates[d] && selectsWith(pod.endpoint, r.selector)),
      appliesTo: (rule, pod) => selectsWith(pod.endpoint, ruleOwner.get(rule)),
      isolates: {
        ingress: compiled.some(r => r.isolates.ingress),
        egress: compiled.some(r => r.isolates.egress),
      },
      rules: { ingress: subjectRules('ingress'), egress: subjectRules('egress') },
    },
  });
}
