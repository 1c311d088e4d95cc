import type { ClusterSnapshot } from '../snapshot';
import type {
  ClusterReport,
  ControlResult,
  NamespaceReport,
  PolicyRef,
} from '../report';
import { ANNOTATION_NAMESPACE_EXEMPT } from '../annotations';
import { DEFAULT_EXEMPT_NAMESPACES, EvaluateOptions } from './options';

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*')}$`);
}

function exemptionOf(
  name: string,
  annotations: Record<string, string>,
  patterns: string[],
): { reason: string } | undefined {
  const annotated = annotations[ANNOTATION_NAMESPACE_EXEMPT];
  if (annotated !== undefined) {
    return {
      reason: `Exempt by annotation ${ANNOTATION_NAMESPACE_EXEMPT}: ${
        annotated || 'no reason given'
      }`,
    };
  }
  const hit = patterns.find(p => globToRegExp(p).test(name));
  return hit ? { reason: `Exempt by configuration (pattern "${hit}")` } : undefined;
}

/**
 * Evaluates every control over one cluster snapshot. Pure and deterministic:
 * the same snapshot and options always give the same report.
 * @public
 */
export function evaluateCluster(
  snapshot: ClusterSnapshot,
  options: EvaluateOptions = {},
): ClusterReport {
  const patterns = options.exemptNamespaces ?? DEFAULT_EXEMPT_NAMESPACES;
  const policiesMissing = snapshot.missing.find(
    m => m.resource === 'networkpolicies',
  );
  const namespaces: NamespaceReport[] = snapshot.namespaces.map(ns => {
    const policies: PolicyRef[] = snapshot.networkPolicies
      .filter(p => p.namespace === ns.name)
      .map(p => ({ kind: 'NetworkPolicy', namespace: p.namespace, name: p.name }));
    const exemption = exemptionOf(ns.name, ns.annotations, patterns);
    let result: ControlResult;
    if (exemption) {
      result = { control: 'NETPOL-001', status: 'exempt', reason: exemption.reason, evidence: { policies } };
    } else if (policiesMissing && policies.length === 0) {
      result = {
        control: 'NETPOL-001',
        status: 'unknown',
        reason: `NetworkPolicies could not be read: ${policiesMissing.reason}`,
        evidence: {},
      };
    } else if (policies.length > 0) {
      result = {
        control: 'NETPOL-001',
        status: 'pass',
        reason: `${policies.length} NetworkPolic${policies.length === 1 ? 'y' : 'ies'} in the namespace`,
        evidence: { policies },
      };
    } else {
      result = {
        control: 'NETPOL-001',
        status: 'fail',
        reason: 'No NetworkPolicy in the namespace: all traffic to and from its pods is allowed',
        evidence: { policies: [] },
      };
    }
    return {
      cluster: snapshot.cluster.name,
      namespace: ns.name,
      labels: ns.labels,
      annotations: ns.annotations,
      exemption,
      results: [result],
      workloads: [],
      policies: policies.map(p => ({ ...p, policyTypes: [] })),
    };
  });
  return {
    cluster: snapshot.cluster,
    scannedAt: snapshot.collectedAt,
    results: [],
    namespaces,
    errors: snapshot.missing.map(m => ({ ...m })),
  };
}
