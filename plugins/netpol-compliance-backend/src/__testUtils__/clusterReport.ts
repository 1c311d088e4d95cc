import type { ClusterReport } from '@netpol/plugin-netpol-compliance-common';

/**
 * A small stored-report fixture: one NETPOL-001 result per namespace, with
 * the given status (also used as its reason), and NETPOL-002 passing.
 */
export function clusterReport(
  cluster: string,
  scannedAt: string,
  statuses: Record<string, string>,
): ClusterReport {
  return {
    cluster: { name: cluster, title: cluster.toUpperCase() },
    scannedAt,
    results: [{ control: 'NETPOL-002', status: 'pass', reason: 'Calico', evidence: {} }],
    errors: [],
    namespaces: Object.entries(statuses).map(([namespace, status]) => ({
      cluster,
      namespace,
      labels: {},
      annotations: {},
      results: [{ control: 'NETPOL-001', status: status as any, reason: status, evidence: {} }],
      workloads: [],
      policies: [],
    })),
  };
}
