import { parse } from 'yaml';
import { evaluateCluster } from './evaluateCluster';
import {
  container,
  controller,
  daemonSet,
  denyAllEgress,
  denyAllIngress,
  missing,
  netpol,
  ns,
  nsReport,
  other,
  pod,
  port,
  result,
  snapshot,
} from '../testing/builders';
import { ANNOTATION_NAMESPACE_EXEMPT } from '../annotations';
import { NAMESPACE_CONTROL_IDS } from '../controls/catalog';
import type { ClusterSnapshot } from '../snapshot/types';

function fixture(): ClusterSnapshot {
  return snapshot({
    cluster: { name: 'prod', title: 'Production' },
    namespaces: [
      ns('shop', { team: 'shop' }),
      ns('dev'),
      ns('kube-system'),
      ns(
        'legacy',
        {},
        { [ANNOTATION_NAMESPACE_EXEMPT]: 'decommissioned in Q3' },
      ),
    ],
    pods: [
      pod(
        'shop',
        'web-1',
        { app: 'web' },
        {
          owner: { kind: 'ReplicaSet', name: 'web-1a' },
          ports: [port(8080, 'http')],
          ips: ['10.0.0.1'],
        },
      ),
      pod(
        'shop',
        'web-2',
        { app: 'web' },
        {
          owner: { kind: 'ReplicaSet', name: 'web-1a' },
          ports: [port(8080, 'http')],
          ips: ['10.0.0.2'],
        },
      ),
      pod('dev', 'tool', { app: 'tool' }),
      pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }),
      pod('legacy', 'old', { app: 'old' }),
    ],
    controllers: [
      controller('ReplicaSet', 'shop', 'web-1a', {
        owner: { kind: 'Deployment', name: 'web' },
      }),
      controller('Deployment', 'shop', 'web', {
        templateLabels: { app: 'web' },
      }),
      controller('CronJob', 'shop', 'report', {
        templateLabels: { job: 'report' },
      }),
      daemonSet('kube-system', 'calico-node', [container('calico-node')]),
    ],
    networkPolicies: [
      denyAllIngress('shop'),
      netpol('shop', 'web-from-dev', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'dev' },
                },
              },
            ],
            ports: [{ port: 'http' }],
          },
        ],
      }),
      netpol('shop', 'broken', {
        podSelector: {
          matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }],
        },
      }),
    ],
    otherPolicies: [
      other(
        'CiliumNetworkPolicy',
        'l7',
        { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{}] },
        'shop',
      ),
    ],
  });
}

describe('evaluateCluster', () => {
  const report = evaluateCluster(fixture());

  it('reports the cluster and NETPOL-002 at cluster level', () => {
    expect(report.cluster).toEqual({ name: 'prod', title: 'Production' });
    expect(report.scannedAt).toBe('2026-01-01T00:00:00Z');
    expect(report.results.map(r => [r.control, r.status])).toEqual([
      ['NETPOL-002', 'pass'],
    ]);
    expect(report.errors).toEqual([]);
  });

  it('reports every namespace, sorted, with every namespace control in catalogue order', () => {
    expect(report.namespaces.map(n => n.namespace)).toEqual([
      'dev',
      'kube-system',
      'legacy',
      'shop',
    ]);
    for (const n of report.namespaces) {
      expect(n.results.map(r => r.control)).toEqual([...NAMESPACE_CONTROL_IDS]);
      expect(n.cluster).toBe('prod');
      for (const r of n.results) expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('exempts the kube-* namespaces by default, keeping them in the report with reasons', () => {
    const ks = nsReport(report, 'kube-system');
    expect(ks.exemption).toEqual({
      reason: 'Exempt by configuration (pattern "kube-system")',
    });
    expect(
      ks.results.every(
        r => r.status === 'exempt' && r.reason === ks.exemption!.reason,
      ),
    ).toBe(true);
    expect(
      result(report, 'kube-system', 'NETPOL-001').evidence.notes,
    ).toContain(
      'Without the exemption: fail: No NetworkPolicy (nor Cilium or Calico policy) applies to the namespace: all traffic to and from its pods is allowed',
    );
    expect(ks.workloads.map(w => `${w.kind}/${w.name}`)).toEqual([
      'Pod/coredns',
    ]);
    expect(ks.remediation).toBeUndefined();
  });

  it('exempts a namespace by annotation, with its reason', () => {
    const legacy = nsReport(report, 'legacy');
    expect(legacy.exemption?.reason).toBe(
      `Exempt by annotation ${ANNOTATION_NAMESPACE_EXEMPT}: decommissioned in Q3`,
    );
    expect(legacy.results.map(r => r.status)).toEqual([
      'exempt',
      'exempt',
      'exempt',
      'exempt',
      'exempt',
    ]);
  });

  it('an empty annotation still exempts', () => {
    const r = evaluateCluster(
      snapshot({
        namespaces: [ns('x', {}, { [ANNOTATION_NAMESPACE_EXEMPT]: '' })],
      }),
    );
    expect(nsReport(r, 'x').exemption?.reason).toMatch(/no reason given/);
  });

  it('takes exemption patterns from options (which replace the defaults)', () => {
    const r = evaluateCluster(fixture(), { exemptNamespaces: ['d*'] });
    expect(nsReport(r, 'dev').exemption?.reason).toBe(
      'Exempt by configuration (pattern "d*")',
    );
    expect(nsReport(r, 'kube-system').exemption).toBeUndefined();
    expect(result(r, 'kube-system', 'NETPOL-001').status).toBe('fail');
  });

  it('evaluates the namespace controls', () => {
    expect(
      nsReport(report, 'shop').results.map(r => [r.control, r.status]),
    ).toEqual([
      ['NETPOL-001', 'pass'],
      ['NETPOL-003', 'pass'], // the default deny covers the CronJob's template too
      ['NETPOL-004', 'pass'],
      ['NETPOL-005', 'fail'],
      ['NETPOL-006', 'pass'],
    ]);
    expect(result(report, 'shop', 'NETPOL-003').evidence.workloads).toEqual([]);
  });

  it('summarises workloads with their policies per direction and reach', () => {
    const web = nsReport(report, 'shop').workloads.find(w => w.name === 'web')!;
    expect(web).toMatchObject({
      kind: 'Deployment',
      namespace: 'shop',
      labels: { app: 'web' },
      pods: 2,
      covered: true,
      fromTemplate: false,
      ingressPolicies: [
        {
          kind: 'NetworkPolicy',
          namespace: 'shop',
          name: 'default-deny-ingress',
        },
        { kind: 'NetworkPolicy', namespace: 'shop', name: 'web-from-dev' },
      ],
      egressPolicies: [],
      otherPolicies: [
        { kind: 'CiliumNetworkPolicy', namespace: 'shop', name: 'l7' },
      ],
    });
    expect(web.reach).toMatchObject({
      fromOtherNamespaces: true,
      fromOutsideCluster: false,
    });
    const job = nsReport(report, 'shop').workloads.find(
      w => w.name === 'report',
    )!;
    expect(job).toMatchObject({
      kind: 'CronJob',
      pods: 0,
      fromTemplate: true,
      covered: true,
    });
    const tool = nsReport(report, 'dev').workloads[0];
    expect(tool.reach).toEqual({
      fromOtherNamespaces: true,
      fromOutsideCluster: true,
      why: {
        fromOtherNamespaces: 'from kube-system: no policy isolates it for ingress (default allow)',
        fromOutsideCluster: 'no policy isolates it for ingress (default allow)',
      },
    });
  });

  it('lists the policies with YAML, effective policyTypes, problems and what they select', () => {
    const policies = nsReport(report, 'shop').policies;
    expect(policies.map(p => `${p.kind}/${p.name}`)).toEqual([
      'NetworkPolicy/broken',
      'NetworkPolicy/default-deny-ingress',
      'NetworkPolicy/web-from-dev',
      'CiliumNetworkPolicy/l7',
    ]);
    const broken = policies[0];
    expect(broken.problems?.join()).toMatch(/unknown operator "Equals"/);
    expect(broken.selects).toEqual([]);
    const web = policies[2];
    expect(web.policyTypes).toEqual(['Ingress']);
    expect(web.selects).toEqual(['Deployment/web']);
    expect(policies[1].selects).toEqual(['CronJob/report', 'Deployment/web']);
    expect(parse(web.yaml!)).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web-from-dev', namespace: 'shop' },
      spec: fixture().networkPolicies[1].spec,
    });
    expect(parse(policies[3].yaml!)).toMatchObject({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      spec: { endpointSelector: { matchLabels: { app: 'web' } } },
    });
  });

  it('adds remediation YAML to failing namespaces only', () => {
    expect(nsReport(report, 'shop').remediation).toContain(
      'name: default-deny-egress',
    );
    expect(nsReport(report, 'shop').remediation).not.toContain(
      'name: default-deny-ingress',
    );
    expect(nsReport(report, 'dev').remediation).toContain(
      'name: default-deny-ingress',
    );
    const fixed = evaluateCluster(
      snapshot({
        namespaces: [ns('a')],
        networkPolicies: [denyAllIngress('a'), denyAllEgress('a')],
      }),
    );
    expect(nsReport(fixed, 'a').remediation).toBeUndefined();
  });

  it('is deterministic whatever the input order', () => {
    const shuffled = fixture();
    for (const key of [
      'namespaces',
      'pods',
      'controllers',
      'networkPolicies',
      'otherPolicies',
    ] as const) {
      (shuffled[key] as unknown[]).reverse();
    }
    expect(JSON.stringify(evaluateCluster(shuffled))).toBe(
      JSON.stringify(report),
    );
    expect(JSON.stringify(evaluateCluster(fixture()))).toBe(
      JSON.stringify(report),
    );
  });

  it('does not modify the snapshot', () => {
    const s = fixture();
    const before = JSON.stringify(s);
    evaluateCluster(s);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('adds namespaces that objects refer to, and says their metadata is unknown', () => {
    const r = evaluateCluster(
      snapshot({
        namespaces: [],
        pods: [pod('ghost', 'p')],
      }).valueOf() as ClusterSnapshot,
    );
    expect(r.namespaces.map(n => n.namespace)).toEqual(['ghost']);
    expect(nsReport(r, 'ghost').labels).toEqual({
      'kubernetes.io/metadata.name': 'ghost',
    });
  });

  it('can leave out reach, YAML and remediation', () => {
    const r = evaluateCluster(fixture(), {
      reachability: false,
      policyYaml: false,
      remediation: false,
    });
    const shop = nsReport(r, 'shop');
    expect(shop.workloads.every(w => w.reach === undefined)).toBe(true);
    expect(shop.policies.every(p => p.yaml === undefined)).toBe(true);
    expect(shop.remediation).toBeUndefined();
  });

  it('passes NETPOL-002 override through', () => {
    const r = evaluateCluster(fixture(), {
      enforcerOverride: { enforcing: false, reason: 'policy mode off' },
    });
    expect(r.results[0]).toMatchObject({
      control: 'NETPOL-002',
      status: 'fail',
      reason: 'Set by configuration: policy mode off',
    });
  });
});

describe('evaluateCluster with missing data', () => {
  it('never passes or fails what it could not read', () => {
    const s = fixture();
    s.missing = [
      missing('pods', 'pods is forbidden'),
      missing('networkpolicies', 'timeout', 'dev'),
    ];
    const r = evaluateCluster(s);
    expect(r.errors).toEqual([
      { resource: 'pods', reason: 'pods is forbidden' },
      { resource: 'networkpolicies', namespace: 'dev', reason: 'timeout' },
    ]);
    expect(result(r, 'shop', 'NETPOL-003').status).toBe('unknown');
    expect(result(r, 'shop', 'NETPOL-001').status).toBe('pass');
    expect(result(r, 'dev', 'NETPOL-001').status).toBe('unknown');
    expect(result(r, 'dev', 'NETPOL-004').status).toBe('unknown');
    expect(result(r, 'dev', 'NETPOL-006').status).toBe('unknown');
    expect(result(r, 'shop', 'NETPOL-005').status).toBe('fail');
    // unknowns are not remediated as failures
    expect(nsReport(r, 'dev').remediation).toBeUndefined();
  });

  it('says when the Namespace list could not be read', () => {
    const s = fixture();
    s.missing = [missing('namespaces', 'forbidden')];
    const r = evaluateCluster(s);
    expect(result(r, 'shop', 'NETPOL-001').evidence.notes?.join()).toMatch(
      /Namespaces could not be read: forbidden: its labels and exemption annotation are unknown/,
    );
  });

  it('gives NETPOL-002 unknown when the DaemonSets could not be read', () => {
    const s = fixture();
    s.controllers = [];
    s.missing = [missing('controllers', 'daemonsets is forbidden')];
    expect(evaluateCluster(s).results[0].status).toBe('unknown');
  });
});
