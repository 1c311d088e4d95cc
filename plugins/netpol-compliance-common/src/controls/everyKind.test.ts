/**
 * Every policy kind in every control (issue 9), written from the Cilium
 * and Calico documentation: each case failed on the engine that read
 * Cilium and Calico policies for selection only.
 */
import { evaluateCluster } from '../engine/evaluateCluster';
import {
  netpol,
  ns,
  other,
  pod,
  result,
  snapshot,
} from '../testing/builders';
import type { ClusterSnapshot, OtherPolicySnapshot } from '../snapshot/types';
import type { ControlId } from './catalog';

const base: Partial<ClusterSnapshot> = {
  namespaces: [ns('shop', { team: 'shop' }), ns('dev')],
  pods: [
    pod('shop', 'web', { app: 'web' }),
    pod('shop', 'db', { app: 'db' }),
    pod('dev', 'tool', { app: 'tool' }),
  ],
};

function status(
  control: ControlId,
  otherPolicies: OtherPolicySnapshot[],
  extra: Partial<ClusterSnapshot> = {},
) {
  return result(
    evaluateCluster(snapshot({ ...base, otherPolicies, ...extra })),
    'shop',
    control,
  );
}

const cnp = (name: string, spec: unknown) =>
  other('CiliumNetworkPolicy', name, spec, 'shop');
const ccnp = (name: string, spec: unknown) =>
  other('CiliumClusterwideNetworkPolicy', name, spec);
const calico = (name: string, spec: unknown) =>
  other('CalicoNetworkPolicy', name, spec, 'shop');
const gnp = (name: string, spec: unknown) =>
  other('CalicoGlobalNetworkPolicy', name, spec);

describe('NETPOL-004/005 pass on a Cilium or Calico default deny', () => {
  it.each<[string, OtherPolicySnapshot[], string, string]>([
    // docs.cilium.io "Ingress/Egress Default Deny": an empty rule denies all.
    ['Cilium ingress: [{}]', [cnp('d', { endpointSelector: {}, ingress: [{}] })], 'pass', 'fail'],
    [
      'Cilium both directions',
      [cnp('d', { endpointSelector: {}, ingress: [{}], egress: [{}] })],
      'pass',
      'pass',
    ],
    [
      'Cilium clusterwide by namespace',
      [
        ccnp('d', {
          endpointSelector: { matchLabels: { 'io.kubernetes.pod.namespace': 'shop' } },
          egress: [{}],
        }),
      ],
      'fail',
      'pass',
    ],
    // enableDefaultDeny: false keeps the endpoint out of default deny.
    [
      'Cilium enableDefaultDeny ingress false',
      [cnp('d', { endpointSelector: {}, enableDefaultDeny: { ingress: false }, ingress: [{}] })],
      'fail',
      'fail',
    ],
    // A Cilium rule only isolates the directions it has a section for.
    ['Cilium with no section', [cnp('d', { endpointSelector: {} })], 'fail', 'fail'],
    ['Cilium egress only', [cnp('d', { endpointSelector: {}, egress: [{}] })], 'fail', 'pass'],
    [
      'Cilium allow-all entity is no default deny',
      [cnp('d', { endpointSelector: {}, ingress: [{ fromEntities: ['all'] }] })],
      'fail',
      'fail',
    ],
    // docs.tigera.io "Enable default deny": types and no rules.
    [
      'Calico NetworkPolicy types, no rules',
      [calico('d', { selector: 'all()', types: ['Ingress', 'Egress'] })],
      'pass',
      'pass',
    ],
    [
      'Calico GlobalNetworkPolicy by namespace',
      [gnp('d', { selector: "projectcalico.org/namespace == 'shop'", types: ['Ingress'] })],
      'pass',
      'fail',
    ],
    [
      'Calico explicit Deny rule',
      [calico('d', { types: ['Ingress'], ingress: [{ action: 'Deny' }] })],
      'pass',
      'fail',
    ],
    [
      'Calico Log then Deny',
      [calico('d', { types: ['Egress'], egress: [{ action: 'Log' }, { action: 'Deny' }] })],
      'fail',
      'pass',
    ],
    [
      'Calico Allow all is no default deny',
      [calico('d', { types: ['Ingress'], ingress: [{ action: 'Allow' }] })],
      'fail',
      'fail',
    ],
    [
      'Calico Pass is no default deny',
      [calico('d', { types: ['Ingress'], ingress: [{ action: 'Pass' }] })],
      'fail',
      'fail',
    ],
    [
      'Calico selecting some pods only',
      [calico('d', { selector: "app == 'web'", types: ['Ingress'] })],
      'fail',
      'fail',
    ],
  ])('%s', (_n, policies, ingress, egress) => {
    expect(status('NETPOL-004', policies).status).toBe(ingress);
    expect(status('NETPOL-005', policies).status).toBe(egress);
  });

  it('a selector every pod of today matches is not a default deny for the pods to come', () => {
    // `app NotIn [batch]` selects web and db, but a new `app: batch` pod would escape it.
    const np = netpol('shop', 'not-batch', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['batch'] }] },
      policyTypes: ['Ingress'],
    });
    expect(status('NETPOL-004', [], { networkPolicies: [np] }).status).toBe('fail');
    expect(status('NETPOL-003', [], { networkPolicies: [np] }).status).toBe('pass');
    const cal = calico('d', { selector: "app != 'batch'", types: ['Ingress'] });
    expect(status('NETPOL-004', [cal]).status).toBe('fail');
    const sa = cnp('d', {
      endpointSelector: { matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'default' } },
      ingress: [{}],
    });
    expect(status('NETPOL-004', [sa]).status).toBe('fail');
  });

  it('names the policy that denies by default', () => {
    const r = status('NETPOL-004', [
      calico('d', { selector: 'all()', types: ['Ingress'] }),
    ]);
    expect(r.evidence.policies).toEqual([
      { kind: 'CalicoNetworkPolicy', namespace: 'shop', name: 'd' },
    ]);
    expect(r.reason).toMatch(/CalicoNetworkPolicy shop\/d/);
  });
});

describe('NETPOL-003 covers a workload only when a policy isolates it', () => {
  it.each<[string, OtherPolicySnapshot[], string]>([
    ['Cilium rule with no section', [cnp('c', { endpointSelector: {} })], 'fail'],
    ['Cilium egressDeny isolates egress', [cnp('c', { endpointSelector: {}, egressDeny: [{ toEntities: ['world'] }] })], 'pass'],
    [
      'Cilium enableDefaultDeny off both ways',
      [
        cnp('c', {
          endpointSelector: {},
          enableDefaultDeny: { ingress: false, egress: false },
          ingress: [{ fromEntities: ['cluster'] }],
        }),
      ],
      'fail',
    ],
    ['Calico default deny', [calico('c', { types: ['Ingress'] })], 'pass'],
    [
      'Calico by service account: only the pods running as it',
      [calico('c', { serviceAccountSelector: "projectcalico.org/name == 'web'", types: ['Ingress'] })],
      'fail',
    ],
  ])('%s', (_n, policies, expected) => {
    expect(status('NETPOL-003', policies).status).toBe(expected);
  });

  it('a Calico serviceAccountSelector selects the pods running as that account', () => {
    const pods = [
      { ...pod('shop', 'web', { app: 'web' }), serviceAccountName: 'web' },
      { ...pod('shop', 'db', { app: 'db' }), serviceAccountName: 'web' },
    ];
    const r = status(
      'NETPOL-003',
      [calico('c', { serviceAccountSelector: "projectcalico.org/name == 'web'", types: ['Ingress'] })],
      { pods },
    );
    expect(r.status).toBe('pass');
  });
});

describe('NETPOL-006 warns on Cilium and Calico allow-all rules', () => {
  it.each<[string, OtherPolicySnapshot, RegExp]>([
    [
      'Cilium fromEntities all',
      cnp('a', { endpointSelector: {}, ingress: [{ fromEntities: ['all'] }] }),
      /CiliumNetworkPolicy shop\/a: ingress rule 1 peer 1 allows every pod and every address/,
    ],
    [
      'Cilium toEntities world',
      cnp('a', { endpointSelector: {}, egress: [{ toEntities: ['world'] }] }),
      /egress rule 1 peer 1 allows every address outside the cluster/,
    ],
    [
      'Cilium toCIDR 0.0.0.0/0',
      cnp('a', { endpointSelector: {}, egress: [{ toCIDR: ['0.0.0.0/0'] }] }),
      /every IPv4 address/,
    ],
    [
      'Cilium ports-only rule',
      cnp('a', { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80' }] }] }] }),
      /ingress rule 1 allows all sources on/,
    ],
    [
      'Cilium clusterwide fromEndpoints {}',
      ccnp('a', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] }),
      /every pod in every namespace/,
    ],
    [
      'Calico Allow without source',
      calico('a', { types: ['Ingress'], ingress: [{ action: 'Allow' }] }),
      /CalicoNetworkPolicy shop\/a: ingress rule 1 allows all sources/,
    ],
    [
      'Calico nets 0.0.0.0/0',
      calico('a', {
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }],
      }),
      /every IPv4 address/,
    ],
    [
      'Calico nets whose union is every address',
      calico('a', {
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/1', '128.0.0.0/1'] } }],
      }),
      /every IPv4 address \(together: 0.0.0.0\/1, 128.0.0.0\/1\)/,
    ],
    [
      'Calico pods by label in every namespace, as a NetworkPolicy namespaceSelector {} with a podSelector',
      calico('a', {
        types: ['Ingress'],
        ingress: [{ action: 'Allow', source: { selector: "role == 'scraper'", namespaceSelector: 'all()' } }],
      }),
      /peer 1 allows pods role == 'scraper' in every namespace/,
    ],
    [
      'Cilium clusterwide endpoints by label, every namespace',
      ccnp('a', { endpointSelector: {}, ingress: [{ fromEndpoints: [{ matchLabels: { role: 'scraper' } }] }] }),
      /peer 1 allows endpoints .*scraper.* in every namespace/,
    ],
    [
      'Calico all() in every namespace',
      calico('a', {
        types: ['Ingress'],
        ingress: [{ action: 'Allow', source: { selector: 'all()', namespaceSelector: 'all()' } }],
      }),
      /every pod in every namespace/,
    ],
  ])('%s', (_n, policy, text) => {
    const r = status('NETPOL-006', [policy]);
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(text);
  });

  it.each<[string, OtherPolicySnapshot]>([
    [
      'Calico: a selector naming one namespace',
      gnp('a', {
        types: ['Ingress'],
        ingress: [{ action: 'Allow', source: { selector: "projectcalico.org/namespace == 'dev'" } }],
      }),
    ],
    [
      'Cilium clusterwide: endpoints of one namespace',
      ccnp('a', {
        endpointSelector: {},
        ingress: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'dev' } }] }],
      }),
    ],
    ['Cilium same-namespace endpoints', cnp('a', { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] })],
    ['Cilium entity cluster is not world', cnp('a', { endpointSelector: {}, egress: [{ toEntities: ['kube-apiserver'] }] })],
    [
      'Calico Deny all is no re-opening',
      calico('a', { types: ['Ingress'], ingress: [{ action: 'Deny' }] }),
    ],
  ])('passes on %s', (_n, policy) => {
    expect(status('NETPOL-006', [policy]).status).toBe('pass');
  });
});

describe('NETPOL-006 by meaning', () => {
  const warn = (spec: object) =>
    result(
      evaluateCluster(snapshot({ ...base, networkPolicies: [netpol('shop', 'p', spec)] })),
      'shop',
      'NETPOL-006',
    );

  it('a namespaceSelector every namespace matches (Exists on kubernetes.io/metadata.name)', () => {
    const r = warn({
      podSelector: {},
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'Exists' }],
              },
            },
          ],
        },
      ],
    });
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(/peer 1 allows every pod in every namespace/);
  });

  it('NotIn a value no namespace has', () => {
    const r = warn({
      podSelector: {},
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['nobody'] }],
              },
            },
          ],
        },
      ],
    });
    expect(r.status).toBe('warning');
  });

  it('NotIn an existing namespace is not every namespace', () => {
    const r = warn({
      podSelector: {},
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchExpressions: [
                  { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['dev'] },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(r.status).toBe('pass');
  });

  it('ipBlocks whose union is every address', () => {
    const r = warn({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }] }],
    });
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(/egress rule 1 allows every IPv4 address \(together: 0.0.0.0\/1, 128.0.0.0\/1\)/);
  });

  it('ipBlocks with a hole are not every address', () => {
    const r = warn({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            { ipBlock: { cidr: '0.0.0.0/1', except: ['10.0.0.0/8'] } },
            { ipBlock: { cidr: '128.0.0.0/1' } },
          ],
        },
      ],
    });
    expect(r.status).toBe('pass');
  });
});
