import { evaluateCluster } from '../engine/evaluateCluster';
import {
  controller,
  denyAllIngress,
  missing,
  netpol,
  ns,
  other,
  pod,
  result,
  snapshot,
} from '../testing/builders';
import type { ClusterSnapshot } from '../snapshot/types';

const web = pod(
  'shop',
  'web-1',
  { app: 'web' },
  { owner: { kind: 'ReplicaSet', name: 'web-1a' } },
);
const webRs = controller('ReplicaSet', 'shop', 'web-1a', {
  owner: { kind: 'Deployment', name: 'web' },
});
const webDeploy = controller('Deployment', 'shop', 'web', {
  templateLabels: { app: 'web' },
});
const db = pod(
  'shop',
  'db-0',
  { app: 'db', tier: 'data' },
  { owner: { kind: 'StatefulSet', name: 'db' } },
);
const base = {
  namespaces: [ns('shop'), ns('empty')],
  pods: [web, db],
  controllers: [webRs, webDeploy],
};

interface Row {
  name: string;
  input: Partial<ClusterSnapshot>;
  status: 'pass' | 'fail' | 'unknown' | 'not-applicable';
  uncovered?: string[];
  reason?: RegExp;
}

const rows: Row[] = [
  {
    name: 'nothing selected',
    input: {},
    status: 'fail',
    uncovered: ['Deployment/web', 'StatefulSet/db'],
    reason: /2 of 2 workloads are selected by no policy/,
  },
  {
    name: 'a default deny covers everything',
    input: { networkPolicies: [denyAllIngress('shop')] },
    status: 'pass',
    uncovered: [],
  },
  {
    name: 'a policy for one workload leaves the other',
    input: {
      networkPolicies: [
        netpol('shop', 'web', { podSelector: { matchLabels: { app: 'web' } } }),
      ],
    },
    status: 'fail',
    uncovered: ['StatefulSet/db'],
  },
  {
    name: 'a selector with matchExpressions only still selects',
    input: {
      networkPolicies: [
        netpol('shop', 'p', {
          podSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: ['web', 'db'] },
            ],
          },
        }),
      ],
    },
    status: 'pass',
  },
  {
    name: 'an Egress-only policy covers',
    input: {
      networkPolicies: [
        netpol('shop', 'p', { podSelector: {}, policyTypes: ['Egress'] }),
      ],
    },
    status: 'pass',
  },
  {
    name: 'an invalid selector selects nothing',
    input: {
      networkPolicies: [
        netpol('shop', 'p', {
          podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] },
        }),
      ],
    },
    status: 'fail',
    uncovered: ['Deployment/web', 'StatefulSet/db'],
  },
  {
    name: 'a Cilium policy covers',
    input: {
      otherPolicies: [
        other(
          'CiliumNetworkPolicy',
          'c',
          {
            endpointSelector: { matchLabels: { 'k8s:app': 'db' } },
            ingress: [{ fromEndpoints: [{}] }],
          },
          'shop',
        ),
      ],
      networkPolicies: [
        netpol('shop', 'web', { podSelector: { matchLabels: { app: 'web' } } }),
      ],
    },
    status: 'pass',
  },
  {
    // Cilium: "If omitted or empty, this rule does not apply at ingress".
    name: 'a Cilium rule with no ingress or egress section isolates nothing',
    input: {
      otherPolicies: [
        other('CiliumNetworkPolicy', 'c', { endpointSelector: {} }, 'shop'),
      ],
    },
    status: 'fail',
    uncovered: ['Deployment/web', 'StatefulSet/db'],
  },
  {
    name: 'a Cilium rule with enableDefaultDeny off in both directions isolates nothing',
    input: {
      otherPolicies: [
        other(
          'CiliumNetworkPolicy',
          'c',
          {
            endpointSelector: {},
            enableDefaultDeny: { ingress: false, egress: false },
            ingress: [{ fromEntities: ['cluster'] }],
            egress: [{ toEntities: ['world'] }],
          },
          'shop',
        ),
      ],
    },
    status: 'fail',
    uncovered: ['Deployment/web', 'StatefulSet/db'],
  },
  {
    name: "a clusterwide Cilium policy by Cilium's namespace label covers (no false positive)",
    input: {
      otherPolicies: [
        other('CiliumClusterwideNetworkPolicy', 'c', {
          endpointSelector: {
            matchLabels: { 'io.kubernetes.pod.namespace': 'shop' },
          },
          egressDeny: [{ toEntities: ['world'] }],
        }),
      ],
    },
    status: 'pass',
  },
  {
    name: 'a Calico global policy covers',
    input: {
      otherPolicies: [
        other('CalicoGlobalNetworkPolicy', 'g', { selector: 'has(app)' }),
      ],
    },
    status: 'pass',
  },
  {
    name: 'a namespace without workloads',
    input: { pods: [], controllers: [] },
    status: 'not-applicable',
  },
  {
    name: 'a workload known from its template only (GitOps) is checked',
    input: {
      pods: [],
      controllers: [webDeploy],
      networkPolicies: [
        netpol('shop', 'p', { podSelector: { matchLabels: { app: 'db' } } }),
      ],
    },
    status: 'fail',
    uncovered: ['Deployment/web'],
  },
  {
    name: 'a workload is covered only if all its pods are',
    input: {
      pods: [
        web,
        pod(
          'shop',
          'web-2',
          { app: 'web', canary: 'true' },
          { owner: { kind: 'ReplicaSet', name: 'web-1a' } },
        ),
        db,
      ],
      networkPolicies: [
        netpol('shop', 'p', {
          podSelector: {
            matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }],
          },
        }),
      ],
    },
    status: 'fail',
    uncovered: ['Deployment/web'],
  },
  {
    name: 'hostNetwork and finished pods are not workloads to protect',
    input: {
      pods: [
        pod('shop', 'agent', {}, { hostNetwork: true }),
        pod('shop', 'job-x', {}, { phase: 'Succeeded' }),
      ],
      controllers: [],
    },
    status: 'not-applicable',
  },
  {
    name: 'pods unreadable: unknown',
    input: { missing: [missing('pods', 'pods is forbidden')] },
    status: 'unknown',
    reason: /Pods could not be read: pods is forbidden/,
  },
  {
    name: 'controllers unreadable, running pods uncovered: still a fail, with the gap named',
    input: { missing: [missing('controllers', 'Job list failed: timeout')] },
    status: 'fail',
    uncovered: ['Deployment/web', 'StatefulSet/db'],
    reason:
      /accept all traffic.*workloads without running pods are not known: .*Job list failed: timeout/,
  },
  {
    name: 'controllers unreadable in the namespace, every pod covered: unknown',
    input: {
      networkPolicies: [denyAllIngress('shop')],
      missing: [missing('controllers', 'timeout', 'shop')],
    },
    status: 'unknown',
    reason:
      /Every running pod is selected by a policy that isolates it, but workloads without running pods are not known/
  },
  {
    name: 'policies unreadable but everything covered: still a pass',
    input: {
      otherPolicies: [
        other(
          'CiliumNetworkPolicy',
          'c',
          { endpointSelector: {}, ingress: [{}] },
          'shop',
        ),
      ],
      missing: [missing('networkpolicies', 'forbidden')],
    },
    status: 'pass',
  },
  {
    name: 'policies unreadable and gaps: unknown, never fail',
    input: { missing: [missing('networkpolicies', 'forbidden')] },
    status: 'unknown',
    uncovered: ['Deployment/web', 'StatefulSet/db'],
  },
];

describe('NETPOL-003 every workload selected', () => {
  it.each(rows.map(r => [r.name, r] as const))('%s', (_n, row) => {
    const r = result(
      evaluateCluster(snapshot({ ...base, ...row.input })),
      'shop',
      'NETPOL-003',
    );
    expect(r.status).toBe(row.status);
    // Rows without `uncovered` or `reason` check the status only.
    expect(
      row.uncovered &&
        (r.evidence.workloads ?? []).map(w => `${w.kind}/${w.name}`),
    ).toEqual(row.uncovered);
    expect(row.reason ? r.reason : '').toMatch(row.reason ?? /^$/);
  });

  it('NETPOL-001 still reports from policies when pods are unreadable', () => {
    const report = evaluateCluster(
      snapshot({
        ...base,
        networkPolicies: [denyAllIngress('shop')],
        missing: [missing('pods', 'forbidden')],
      }),
    );
    expect(result(report, 'shop', 'NETPOL-003').status).toBe('unknown');
    expect(result(report, 'shop', 'NETPOL-001').status).toBe('pass');
    expect(result(report, 'shop', 'NETPOL-004').status).toBe('pass');
  });

  it('an empty namespace is not applicable', () => {
    expect(
      result(evaluateCluster(snapshot(base)), 'empty', 'NETPOL-003').status,
    ).toBe('not-applicable');
  });
});
