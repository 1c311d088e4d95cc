import { parseAllDocuments } from 'yaml';
import { generateRemediation } from './generateRemediation';
import { evaluateCluster } from '../engine/evaluateCluster';
import { checkReachability } from '../reachability/checkReachability';
import {
  controller,
  netpol,
  ns,
  pod,
  port,
  result,
  snapshot,
} from '../testing/builders';
import type { NetworkPolicySnapshot } from '../snapshot/types';

function parsePolicies(yaml: string): NetworkPolicySnapshot[] {
  return parseAllDocuments(yaml).map(doc => {
    expect(doc.errors).toEqual([]);
    const o = doc.toJS();
    expect(o.apiVersion).toBe('networking.k8s.io/v1');
    expect(o.kind).toBe('NetworkPolicy');
    return {
      namespace: o.metadata.namespace,
      name: o.metadata.name,
      labels: o.metadata.labels ?? {},
      annotations: {},
      spec: o.spec,
    };
  });
}

const failing = {
  namespaces: [ns('shop'), ns('kube-system')],
  pods: [
    pod(
      'shop',
      'web-1',
      { app: 'web' },
      {
        owner: { kind: 'ReplicaSet', name: 'web-1a' },
        ports: [port(8080, 'http')],
      },
    ),
    pod('shop', 'worker', { app: 'worker' }),
    pod(
      'kube-system',
      'coredns-1',
      { 'k8s-app': 'kube-dns' },
      { ports: [port(53, 'dns', 'UDP'), port(53, 'dns-tcp')] },
    ),
  ],
  controllers: [
    controller('ReplicaSet', 'shop', 'web-1a', {
      owner: { kind: 'Deployment', name: 'web' },
    }),
    controller('CronJob', 'shop', 'report', {
      templateLabels: { job: 'report' },
    }),
  ],
};

describe('generateRemediation', () => {
  it('fixes a failing namespace (round trip through the engine)', () => {
    const before = evaluateCluster(snapshot(failing));
    for (const id of [
      'NETPOL-001',
      'NETPOL-003',
      'NETPOL-004',
      'NETPOL-005',
    ] as const) {
      expect([id, result(before, 'shop', id).status]).toEqual([id, 'fail']);
    }
    const policies = parsePolicies(generateRemediation('shop'));
    expect(policies.map(p => p.name)).toEqual([
      'default-deny-ingress',
      'default-deny-egress',
      'allow-dns-egress',
    ]);
    const after = evaluateCluster(
      snapshot({ ...failing, networkPolicies: policies }),
    );
    for (const id of [
      'NETPOL-001',
      'NETPOL-003',
      'NETPOL-004',
      'NETPOL-005',
      'NETPOL-006',
    ] as const) {
      expect([id, result(after, 'shop', id).status]).toEqual([id, 'pass']);
    }
    expect(result(after, 'shop', 'NETPOL-003').reason).toMatch(
      /All 3 workloads are selected/,
    );
  });

  it('keeps DNS working and nothing else', () => {
    const s = snapshot({
      ...failing,
      networkPolicies: parsePolicies(generateRemediation('shop')),
    });
    const from = { namespace: 'shop', pod: 'worker' };
    expect(
      checkReachability(s, {
        from,
        to: { namespace: 'kube-system', pod: 'coredns-1' },
        port: 53,
        protocol: 'UDP',
      }).allowed,
    ).toBe(true);
    expect(
      checkReachability(s, {
        from,
        to: { namespace: 'kube-system', pod: 'coredns-1' },
        port: 53,
      }).allowed,
    ).toBe(true);
    expect(
      checkReachability(s, {
        from,
        to: { namespace: 'kube-system', pod: 'coredns-1' },
        port: 80,
      }).allowed,
    ).toBe(false);
    expect(
      checkReachability(s, {
        from,
        to: { ip: '8.8.8.8' },
        port: 53,
        protocol: 'UDP',
      }).allowed,
    ).toBe(false);
    expect(
      checkReachability(s, {
        from,
        to: { namespace: 'shop', pod: 'web-1' },
        port: 8080,
      }).allowed,
    ).toBe(false);
  });

  it('can allow the namespace to talk to itself', () => {
    const policies = parsePolicies(
      generateRemediation('shop', { allowSameNamespace: true }),
    );
    expect(policies.map(p => p.name)).toContain('allow-same-namespace');
    const s = snapshot({ ...failing, networkPolicies: policies });
    expect(
      checkReachability(s, {
        from: { namespace: 'shop', pod: 'worker' },
        to: { namespace: 'shop', pod: 'web-1' },
        port: 8080,
      }).allowed,
    ).toBe(true);
    expect(
      checkReachability(s, {
        from: { namespace: 'kube-system', pod: 'coredns-1' },
        to: { namespace: 'shop', pod: 'web-1' },
      }).allowed,
    ).toBe(false);
    const report = evaluateCluster(s);
    expect(result(report, 'shop', 'NETPOL-006').status).toBe('pass');
    expect(result(report, 'shop', 'NETPOL-004').status).toBe('pass');
  });

  it.each<[string, Parameters<typeof generateRemediation>[1], string[]]>([
    ['ingress only', { egress: false }, ['default-deny-ingress']],
    [
      'egress only',
      { ingress: false },
      ['default-deny-egress', 'allow-dns-egress'],
    ],
    [
      'egress without DNS',
      { ingress: false, allowDns: false },
      ['default-deny-egress'],
    ],
    ['nothing', { ingress: false, egress: false }, []],
  ])('%s', (_n, options, names) => {
    const yaml = generateRemediation('shop', options);
    expect(yaml === '' ? [] : parsePolicies(yaml).map(p => p.name)).toEqual(
      names,
    );
  });

  it.each(['123', 'true', 'null', 'yes', 'on', 'a-b', '0x1'])(
    'writes the namespace %j so that it reads back as a string',
    name => {
      for (const p of parsePolicies(generateRemediation(name)))
        expect(p.namespace).toBe(name);
    },
  );

  it('is readable YAML with comments and empty selectors as {}', () => {
    const yaml = generateRemediation('shop');
    expect(yaml.startsWith('---\n#')).toBe(true);
    expect(yaml).toContain('podSelector: {}');
    expect(yaml).toContain('namespace: shop');
  });

  it('a partial fix only fixes its part', () => {
    const s = snapshot({
      ...failing,
      networkPolicies: [
        ...parsePolicies(generateRemediation('shop', { egress: false })),
        netpol('shop', 'x', { podSelector: {} }),
      ],
    });
    const report = evaluateCluster(s);
    expect(result(report, 'shop', 'NETPOL-004').status).toBe('pass');
    expect(result(report, 'shop', 'NETPOL-005').status).toBe('fail');
  });
});
