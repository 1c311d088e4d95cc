/**
 * The policies of a namespace report: its NetworkPolicies, the Cilium and
 * Calico policies that apply to it, and the admin and baseline policies
 * (tier, priority) selecting its pods, each with the workloads it selects.
 */
import type { PolicySummary } from '../report';
import type { NamespaceContext } from '../controls/context';
import type { ModelPolicy } from '../policyModel/types';
import { networkPolicyYaml, otherPolicyYaml } from '../yaml/policyYaml';

function directions(p: ModelPolicy): string[] {
  const out: string[] = [];
  if (p.rules.ingress.length || p.isolates.ingress) out.push('Ingress');
  if (p.rules.egress.length || p.isolates.egress) out.push('Egress');
  return out;
}

export function policySummaries(
  ctx: NamespaceContext,
  withYaml: boolean,
): PolicySummary[] {
  // Which workloads each policy selects.
  const selects = new Map<object, string[]>();
  const mark = (policy: object, workload: string) => {
    let list = selects.get(policy);
    if (!list) selects.set(policy, (list = []));
    if (list[list.length - 1] !== workload) list.push(workload);
  };
  for (const { workload } of ctx.workloads) {
    for (const s of workload.shapes) {
      for (const p of s.ingressPolicies) mark(p, workload.id);
      for (const p of s.egressPolicies)
        if (!p.isolatesIngress) mark(p, workload.id);
      for (const p of s.otherPolicies) mark(p, workload.id);
      for (const p of [...s.model.admin, ...s.model.baseline]) mark(p, workload.id);
    }
  }
  const tiered = ctx.modelPolicies.filter(p => p.tier !== 'namespace');
  return [
    ...ctx.policies.map(p => ({
      ...p.ref,
      policyTypes: p.policyTypes,
      ...(withYaml ? { yaml: networkPolicyYaml(p.source) } : {}),
      ...(p.problems.length ? { problems: p.problems } : {}),
      selects: selects.get(p) ?? [],
    })),
    ...ctx.otherPolicies.map(p => ({
      ...p.ref,
      policyTypes: p.policyTypes,
      ...(withYaml ? { yaml: otherPolicyYaml(p.source) } : {}),
      ...(p.problems.length ? { problems: p.problems } : {}),
      ...(p.namespace === undefined ? { clusterWide: true } : {}),
      ...(Number.isFinite(p.model.order) && p.kind.startsWith('Calico')
        ? { priority: p.model.order }
        : {}),
      selects: selects.get(p) ?? [],
    })),
    ...tiered.map(
      (p): PolicySummary => ({
        ...p.ref,
        policyTypes: directions(p),
        ...(p.problems.length ? { problems: p.problems } : {}),
        clusterWide: true,
        tier: p.tier === 'admin' ? 'Admin' : 'Baseline',
        priority: p.order,
        selects: selects.get(p) ?? [],
      }),
    ),
  ];
}
