/**
 * The flat form of a report: one finding per control and subject, for
 * machines (CLI output, exports, alerting). Subjects:
 * - NETPOL-002: the cluster;
 * - NETPOL-003 failing: one finding per uncovered workload (`Kind/name`);
 * - NETPOL-006 warning: one finding per offending policy
 *   (`namespace/name`), its reason listing the rules at fault;
 * - every other result: its namespace.
 */
import type { ClusterReport, Finding, PolicyRef } from './report';

function policyId(ref: PolicyRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

/** @public */
export function reportFindings(report: ClusterReport): Finding[] {
  const cluster = report.cluster.name;
  const out: Finding[] = [];
  for (const r of report.results) {
    out.push({
      control: r.control,
      status: r.status,
      cluster,
      reason: r.reason,
    });
  }
  for (const ns of report.namespaces) {
    for (const r of ns.results) {
      const base = {
        control: r.control,
        status: r.status,
        cluster,
        namespace: ns.namespace,
      };
      if (
        r.control === 'NETPOL-003' &&
        r.status === 'fail' &&
        r.evidence.workloads?.length
      ) {
        for (const w of r.evidence.workloads) {
          out.push({
            ...base,
            workload: `${w.kind}/${w.name}`,
            reason: `${w.kind}/${w.name} is selected by no network policy: it accepts all traffic`,
          });
        }
        continue;
      }
      if (
        r.control === 'NETPOL-006' &&
        r.status === 'warning' &&
        r.evidence.rules?.length
      ) {
        const byPolicy = new Map<string, string[]>();
        for (const rule of r.evidence.rules) {
          const id = policyId(rule.policy);
          let list = byPolicy.get(id);
          if (!list) byPolicy.set(id, (list = []));
          list.push(rule.text);
        }
        for (const [policy, texts] of byPolicy) {
          out.push({ ...base, policy, reason: texts.join('; ') });
        }
        continue;
      }
      out.push({ ...base, reason: r.reason });
    }
  }
  return out;
}
