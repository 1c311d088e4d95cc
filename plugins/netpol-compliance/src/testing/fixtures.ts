import type { Entity } from '@backstage/catalog-model';
import type {
  ControlId,
  ControlResult,
  ControlStatus,
  EntityClusterView,
  EntityComplianceResponse,
  NamespaceReport,
  OverviewResponse,
  OverviewRow,
} from '@netpol/plugin-netpol-compliance-common';
import type { NetpolComplianceApi } from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments' },
  },
  spec: {
    owner: 'group:default/team-pay',
    type: 'service',
    lifecycle: 'production',
  },
};

export const unmappedEntity: Entity = {
  ...entity,
  metadata: { name: 'docs-site', namespace: 'default' },
};

export function result(
  control: ControlId,
  status: ControlStatus,
  reason = `${control} ${status}`,
  evidence: ControlResult['evidence'] = {},
): ControlResult {
  return { control, status, reason, evidence };
}

const DENY_INGRESS_YAML = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: payments
spec:
  podSelector: {}
  policyTypes:
    - Ingress
`;

export const REMEDIATION_YAML = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: payments
spec:
  podSelector: {}
  policyTypes:
    - Egress
`;

export function passingNamespace(
  cluster: string,
  namespace = 'payments',
): NamespaceReport {
  return {
    cluster,
    namespace,
    labels: {},
    annotations: {},
    results: [
      result('NETPOL-001', 'pass', 'Has 2 NetworkPolicies', {
        policies: [
          { kind: 'NetworkPolicy', namespace, name: 'default-deny-ingress' },
        ],
      }),
      result('NETPOL-003', 'pass', 'The only workload is selected by a policy'),
      result(
        'NETPOL-004',
        'pass',
        'default-deny-ingress selects every pod for Ingress',
      ),
      result(
        'NETPOL-005',
        'pass',
        'default-deny-egress selects every pod for Egress',
      ),
      result('NETPOL-006', 'pass', 'No policy allows all traffic'),
    ],
    workloads: [
      {
        kind: 'Deployment',
        name: 'payments-api',
        namespace,
        labels: { 'backstage.io/kubernetes-id': 'payments' },
        pods: 2,
        ingressPolicies: [
          { kind: 'NetworkPolicy', namespace, name: 'default-deny-ingress' },
        ],
        egressPolicies: [
          { kind: 'NetworkPolicy', namespace, name: 'default-deny-egress' },
        ],
        otherPolicies: [],
        reach: { fromOtherNamespaces: false, fromOutsideCluster: false },
      },
    ],
    policies: [
      {
        kind: 'NetworkPolicy',
        namespace,
        name: 'default-deny-ingress',
        policyTypes: ['Ingress'],
        yaml: DENY_INGRESS_YAML,
      },
    ],
  };
}

export function failingNamespace(
  cluster: string,
  namespace = 'payments',
): NamespaceReport {
  const base = passingNamespace(cluster, namespace);
  return {
    ...base,
    results: [
      result('NETPOL-001', 'pass', 'Has 1 NetworkPolicy'),
      result('NETPOL-003', 'pass', 'The only workload is selected by a policy'),
      result(
        'NETPOL-004',
        'pass',
        'default-deny-ingress selects every pod for Ingress',
      ),
      result('NETPOL-005', 'fail', 'No policy selects every pod for Egress', {
        workloads: [{ kind: 'Deployment', name: 'payments-api', namespace }],
      }),
      result(
        'NETPOL-006',
        'warning',
        'allow-all-egress allows traffic to 0.0.0.0/0',
        {
          policies: [
            { kind: 'NetworkPolicy', namespace, name: 'allow-all-egress' },
          ],
          rules: [
            {
              policy: {
                kind: 'NetworkPolicy',
                namespace,
                name: 'allow-all-egress',
              },
              direction: 'egress',
              rule: 1,
              text: `${namespace}/allow-all-egress: egress rule 1 allows all destinations`,
            },
          ],
        },
      ),
    ],
    workloads: base.workloads.map(w => ({
      ...w,
      egressPolicies: [],
      reach: {
        fromOtherNamespaces: true,
        fromOutsideCluster: false,
        notes: ['Only Kubernetes NetworkPolicies are evaluated'],
      },
    })),
    remediation: REMEDIATION_YAML,
  };
}

export function clusterView(
  name: string,
  namespaces: NamespaceReport[],
  enforcer: ControlStatus = 'pass',
): EntityClusterView {
  return {
    cluster: { name },
    state: 'ok',
    scannedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    results: [
      result(
        'NETPOL-002',
        enforcer,
        enforcer === 'pass'
          ? 'Calico enforces NetworkPolicy'
          : 'No enforcing network plugin found',
        {
          enforcers:
            enforcer === 'pass'
              ? [
                  {
                    name: 'Calico',
                    enforcing: true,
                    source: 'DaemonSet kube-system/calico-node',
                  },
                ]
              : [],
        },
      ),
    ],
    namespaces,
  };
}

export function response(
  clusters: EntityClusterView[],
): EntityComplianceResponse {
  return {
    entityRef: 'component:default/payments',
    mapping: {
      mapped: true,
      labelSelector: 'backstage.io/kubernetes-id=payments',
    },
    clusters,
  };
}

export function overviewRow(
  cluster: string,
  namespace: string,
  status: ControlStatus = 'pass',
  owners: string[] = ['group:default/team-pay'],
): OverviewRow {
  return {
    cluster,
    namespace,
    owners,
    entities: ['component:default/payments'],
    results: [
      { control: 'NETPOL-001', status: 'pass', reason: 'Has a policy' },
      { control: 'NETPOL-002', status: 'pass', reason: 'Calico' },
      { control: 'NETPOL-004', status, reason: `ingress ${status}` },
    ],
  };
}

export function overviewResponse(
  rows: OverviewRow[],
  total = rows.length,
  offset = 0,
  limit = 25,
): OverviewResponse {
  return {
    total,
    offset,
    limit,
    rows,
    summary: {
      byControl: {
        'NETPOL-001': { pass: 10, fail: 2 },
        'NETPOL-002': { pass: 2 },
        'NETPOL-004': { fail: 4, pass: 8 },
      },
      byCluster: [
        {
          cluster: { name: 'prod-eu' },
          scannedAt: new Date().toISOString(),
          results: [
            result('NETPOL-002', 'pass', 'Calico enforces NetworkPolicy'),
          ],
          counts: { pass: 8, fail: 4 },
        },
        {
          cluster: { name: 'prod-us' },
          error: 'Forbidden: cannot list namespaces',
          results: [],
          counts: {},
        },
      ],
      fleet: {
        clusters: 2,
        withReport: 1,
        withoutReport: ['prod-us'],
        oldestReportAt: new Date(Date.now() - 40 * 60_000).toISOString(),
        oldestReportCluster: 'prod-eu',
        oldestReportAgeMs: 40 * 60_000,
      },
    },
  };
}

export function mockApi(
  overrides: Partial<NetpolComplianceApi> = {},
): jest.Mocked<NetpolComplianceApi> {
  return {
    getEntityCompliance: jest
      .fn()
      .mockResolvedValue(
        response([clusterView('prod-eu', [passingNamespace('prod-eu')])]),
      ),
    getOverview: jest
      .fn()
      .mockResolvedValue(
        overviewResponse([overviewRow('prod-eu', 'payments')]),
      ),
    getHistory: jest.fn().mockResolvedValue({ points: [] }),
    getControls: jest
      .fn()
      .mockRejectedValue(new Error('no controls endpoint in this test')),
    requestScan: jest.fn().mockResolvedValue(undefined),
    scanEntityWithUserToken: jest
      .fn()
      .mockRejectedValue(new Error('no user-token scan in this test')),
    ...overrides,
  } as jest.Mocked<NetpolComplianceApi>;
}
