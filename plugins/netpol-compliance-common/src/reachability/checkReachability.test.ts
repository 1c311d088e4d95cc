import {
  checkReachability,
  createReachabilityChecker,
} from './checkReachability';
import { ReachabilityQuery, ReachabilityQueryError } from './types';
import {
  controller,
  denyAllEgress,
  denyAllIngress,
  netpol,
  ns,
  other,
  pod,
  port,
  snapshot,
} from '../testing/builders';
import type { NetworkPolicySnapshot, OtherPolicySnapshot } from '../snapshot/types';

const pods = [
  pod(
    'shop',
    'web-abc-1',
    { app: 'web', 'pod-template-hash': 'abc' },
    {
      owner: { kind: 'ReplicaSet', name: 'web-abc' },
      ports: [port(8080, 'http'), port(9090, 'metrics')],
      ips: ['10.0.1.10', 'fd00::10'],
    },
  ),
  pod(
    'shop',
    'api',
    { app: 'api' },
    { ports: [port(8443, 'https')], ips: ['10.0.1.11'] },
  ),
  pod(
    'shop',
    'db',
    { app: 'db' },
    { ports: [port(5432, 'pg')], ips: ['10.0.1.12'] },
  ),
  pod('shop', 'ui-test', { app: 'ui' }, { ips: ['10.0.1.13'] }),
  pod('frontend', 'ui', { app: 'ui' }, { ips: ['10.1.1.1'] }),
  pod('frontend', 'batch', { app: 'batch' }, { ips: ['10.1.1.2'] }),
  pod('monitoring', 'prometheus', { app: 'prometheus' }, { ips: ['10.2.1.1'] }),
  pod(
    'monitoring',
    'node-agent',
    { app: 'agent' },
    { hostNetwork: true, ips: ['192.168.0.10'] },
  ),
  pod(
    'monitoring',
    'node-agent-pending',
    { app: 'agent' },
    { hostNetwork: true, phase: 'Pending' },
  ),
  pod('other', 'x', { app: 'web' }, { ips: ['10.3.1.1'] }),
];
const namespaces = [
  ns('shop', { team: 'shop' }),
  ns('frontend', { team: 'front', env: 'prod' }),
  ns('monitoring', { team: 'obs' }),
  ns('other'),
];
const controllers = [
  controller('ReplicaSet', 'shop', 'web-abc', {
    owner: { kind: 'Deployment', name: 'web' },
  }),
  controller('Deployment', 'shop', 'web', { templateLabels: { app: 'web' } }),
  controller('DaemonSet', 'monitoring', 'node-agent', {
    templateLabels: { app: 'agent' },
    hostNetwork: true,
  }),
];

function cluster(
  networkPolicies: NetworkPolicySnapshot[],
  otherPolicies: OtherPolicySnapshot[] = [],
) {
  return snapshot({
    namespaces,
    pods,
    controllers,
    networkPolicies,
    otherPolicies,
  });
}

const web = { namespace: 'shop', pod: 'web-abc-1' };
const api = { namespace: 'shop', pod: 'api' };
const db = { namespace: 'shop', pod: 'db' };
const shopUi = { namespace: 'shop', pod: 'ui-test' };
const ui = { namespace: 'frontend', pod: 'ui' };
const batch = { namespace: 'frontend', pod: 'batch' };
const prometheus = { namespace: 'monitoring', pod: 'prometheus' };
const x = { namespace: 'other', pod: 'x' };

const webIngress = (name: string, ingress: any[], extra: object = {}) =>
  netpol('shop', name, {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress,
    ...extra,
  });

interface Case {
  name: string;
  policies: NetworkPolicySnapshot[];
  others?: OtherPolicySnapshot[];
  query: ReachabilityQuery;
  allowed: boolean;
  egress?: { allowed: boolean; policies?: string[]; isolated?: boolean };
  ingress?: { allowed: boolean; policies?: string[]; isolated?: boolean };
  note?: RegExp;
}

const ANDpeer = [
  {
    from: [
      {
        namespaceSelector: { matchLabels: { team: 'front' } },
        podSelector: { matchLabels: { app: 'ui' } },
      },
    ],
  },
];
const ORpeers = [
  {
    from: [
      { namespaceSelector: { matchLabels: { team: 'front' } } },
      { podSelector: { matchLabels: { app: 'ui' } } },
    ],
  },
];

const cases: Case[] = [
  {
    name: 'no policy: everything is allowed, nothing isolated',
    policies: [],
    query: { from: ui, to: web, port: 8080 },
    allowed: true,
    egress: { allowed: true, isolated: false, policies: [] },
    ingress: { allowed: true, isolated: false, policies: [] },
  },
  {
    name: 'default deny ingress blocks and names the policy',
    policies: [denyAllIngress('shop')],
    query: { from: ui, to: web, port: 8080 },
    allowed: false,
    egress: { allowed: true, isolated: false },
    ingress: {
      allowed: false,
      isolated: true,
      policies: ['shop/default-deny-ingress'],
    },
  },
  {
    name: 'AND peer: the right pod in the right namespace',
    policies: [webIngress('p', ANDpeer)],
    query: { from: ui, to: web },
    allowed: true,
    ingress: { allowed: true, policies: ['shop/p'] },
  },
  {
    name: 'AND peer: the right namespace, another pod',
    policies: [webIngress('p', ANDpeer)],
    query: { from: batch, to: web },
    allowed: false,
  },
  {
    name: 'AND peer: the right labels, another namespace',
    policies: [webIngress('p', ANDpeer)],
    query: { from: shopUi, to: web },
    allowed: false,
  },
  {
    name: 'OR peers: any pod of the namespace',
    policies: [webIngress('p', ORpeers)],
    query: { from: batch, to: web },
    allowed: true,
  },
  {
    name: 'OR peers: same-namespace pod by label',
    policies: [webIngress('p', ORpeers)],
    query: { from: shopUi, to: web },
    allowed: true,
  },
  {
    name: 'OR peers: neither',
    policies: [webIngress('p', ORpeers)],
    query: { from: prometheus, to: web },
    allowed: false,
  },
  {
    name: 'podSelector {} alone: pods of the policy namespace only (same namespace)',
    policies: [webIngress('p', [{ from: [{ podSelector: {} }] }])],
    query: { from: api, to: web },
    allowed: true,
  },
  {
    name: 'podSelector {} alone: not other namespaces',
    policies: [webIngress('p', [{ from: [{ podSelector: {} }] }])],
    query: { from: ui, to: web },
    allowed: false,
  },
  {
    name: 'namespaceSelector {}: every pod of every namespace',
    policies: [webIngress('p', [{ from: [{ namespaceSelector: {} }] }])],
    query: { from: x, to: web },
    allowed: true,
  },
  {
    name: 'namespaceSelector {}: not addresses outside the cluster',
    policies: [webIngress('p', [{ from: [{ namespaceSelector: {} }] }])],
    query: { from: { ip: '203.0.113.9' }, to: web },
    allowed: false,
  },
  {
    name: 'rule without from: every source, outside too',
    policies: [webIngress('p', [{ ports: [{ port: 8080 }] }])],
    query: { from: { ip: '203.0.113.9' }, to: web, port: 8080 },
    allowed: true,
  },
  {
    name: 'from: [] is every source as well',
    policies: [webIngress('p', [{ from: [] }])],
    query: { from: x, to: web },
    allowed: true,
  },
  {
    name: 'ingress: [] allows nothing',
    policies: [webIngress('p', [])],
    query: { from: api, to: web },
    allowed: false,
  },
  {
    name: 'namespaceSelector by kubernetes.io/metadata.name',
    policies: [
      webIngress('p', [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
              },
            },
          ],
        },
      ]),
    ],
    query: { from: prometheus, to: web },
    allowed: true,
  },
  {
    name: 'policyTypes defaulted with egress rules: Ingress isolated too, with no ingress rule',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
      }),
    ],
    query: { from: api, to: web },
    allowed: false,
    ingress: { allowed: false, policies: ['shop/p'] },
  },
  {
    name: 'policyTypes defaulted with egress rules: egress to the allowed pod',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
      }),
    ],
    query: { from: web, to: db, port: 5432 },
    allowed: true,
    egress: { allowed: true, policies: ['shop/p'] },
  },
  {
    name: 'policyTypes defaulted with egress rules: egress elsewhere denied',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
      }),
    ],
    query: { from: web, to: api },
    allowed: false,
    egress: { allowed: false, policies: ['shop/p'] },
  },
  {
    name: 'egress: [] without policyTypes does not isolate egress',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        egress: [],
      }),
    ],
    query: { from: web, to: api },
    allowed: true,
    egress: { allowed: true, isolated: false },
  },
  {
    name: 'policyTypes Egress only: ingress rules have no effect',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        ingress: [],
        egress: [{}],
      }),
    ],
    query: { from: ui, to: web },
    allowed: true,
    ingress: { allowed: true, isolated: false },
  },
  {
    name: 'named port in ingress resolves on the protected pod',
    policies: [webIngress('p', [{ ports: [{ port: 'http' }] }])],
    query: { from: ui, to: web, port: 8080 },
    allowed: true,
  },
  {
    name: 'named port does not open another number',
    policies: [webIngress('p', [{ ports: [{ port: 'http' }] }])],
    query: { from: ui, to: web, port: 9090 },
    allowed: false,
  },
  {
    name: 'query by port name',
    policies: [webIngress('p', [{ ports: [{ port: 8080 }] }])],
    query: { from: ui, to: web, port: 'http' },
    allowed: true,
  },
  {
    name: 'query by a port name the destination lacks',
    policies: [],
    query: { from: ui, to: web, port: 'grpc' },
    allowed: false,
    note: /declares no port named "grpc"/,
  },
  {
    name: 'named port in egress resolves on the destination pod',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'pg' }] }],
      }),
    ],
    query: { from: web, to: db, port: 5432 },
    allowed: true,
  },
  {
    name: 'named port in egress: a destination without that name',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'pg' }] }],
      }),
    ],
    query: { from: web, to: api, port: 5432 },
    allowed: false,
  },
  {
    name: 'named port in egress never matches an outside address',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'pg' }] }],
      }),
    ],
    query: { from: web, to: { ip: '198.51.100.7' }, port: 5432 },
    allowed: false,
  },
  {
    name: 'endPort range includes the port',
    policies: [webIngress('p', [{ ports: [{ port: 8000, endPort: 8100 }] }])],
    query: { from: ui, to: web, port: 8080 },
    allowed: true,
  },
  {
    name: 'endPort range excludes the port',
    policies: [webIngress('p', [{ ports: [{ port: 8000, endPort: 8100 }] }])],
    query: { from: ui, to: web, port: 9090 },
    allowed: false,
  },
  {
    name: 'protocol defaults to TCP',
    policies: [webIngress('p', [{ ports: [{ port: 8080 }] }])],
    query: { from: ui, to: web, port: 8080, protocol: 'UDP' },
    allowed: false,
  },
  {
    name: 'ipBlock admits an outside address',
    policies: [
      webIngress('p', [
        {
          from: [
            {
              ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] },
            },
          ],
        },
      ]),
    ],
    query: { from: { ip: '203.0.113.5' }, to: web, port: 8080 },
    allowed: true,
    egress: { allowed: true, isolated: false },
  },
  {
    name: 'ipBlock except excludes',
    policies: [
      webIngress('p', [
        {
          from: [
            {
              ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] },
            },
          ],
        },
      ]),
    ],
    query: { from: { ip: '203.0.113.200' }, to: web, port: 8080 },
    allowed: false,
  },
  {
    name: 'IPv6 ipBlock in egress',
    policies: [
      netpol('shop', 'p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/32' } }] }],
      }),
    ],
    query: { from: web, to: { ip: '2001:db8::1' }, port: 443 },
    allowed: true,
  },
  {
    name: 'IPv6 ipBlock does not cover another prefix',
    policies: [
      netpol('shop', 'p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/32' } }] }],
      }),
    ],
    query: { from: web, to: { ip: '2001:db9::1' }, port: 443 },
    allowed: false,
  },
  {
    name: 'both ends must allow: egress deny at the source wins over an ingress allow',
    policies: [webIngress('p', ANDpeer), denyAllEgress('frontend')],
    query: { from: ui, to: web },
    allowed: false,
    egress: { allowed: false, policies: ['frontend/default-deny-egress'] },
    ingress: { allowed: true, policies: ['shop/p'] },
  },
  {
    name: 'traffic to an outside address checks the pod side only',
    policies: [denyAllIngress('shop')],
    query: { from: web, to: { ip: '8.8.8.8' }, port: 53, protocol: 'UDP' },
    allowed: true,
    ingress: { allowed: true, isolated: false },
  },
  {
    name: 'ipBlock never matches a pod by its IP (with a note)',
    policies: [
      webIngress('p', [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }]),
    ],
    query: { from: ui, to: web },
    allowed: false,
    note: /ipBlock 10\.0\.0\.0\/8 contains frontend\/ui's pod IP 10\.1\.1\.1/,
  },
  {
    name: 'a hostNetwork pod is treated as its node address',
    policies: [
      webIngress('p', [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }]),
    ],
    query: { from: { namespace: 'monitoring', pod: 'node-agent' }, to: web },
    allowed: true,
    note: /uses the host network/,
  },
  {
    name: 'a hostNetwork pod without an IP yet matches no ipBlock (with a note)',
    policies: [
      webIngress('p', [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }]),
    ],
    query: {
      from: { namespace: 'monitoring', pod: 'node-agent-pending' },
      to: web,
    },
    allowed: false,
    note: /has no IP address yet/,
  },
  {
    name: 'an IP of a pod is evaluated as that pod',
    policies: [webIngress('p', ANDpeer)],
    query: { from: { ip: '10.1.1.1' }, to: web },
    allowed: true,
    note: /10\.1\.1\.1 is the IP of pod frontend\/ui/,
  },
  {
    name: 'a workload endpoint',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ],
    query: {
      from: { namespace: 'shop', workload: 'Deployment/web' },
      to: db,
      port: 'pg',
    },
    allowed: true,
  },
  {
    name: 'policies are additive: one allows, another does not',
    policies: [denyAllIngress('shop'), webIngress('allow-ui', ANDpeer)],
    query: { from: ui, to: web },
    allowed: true,
    ingress: { allowed: true, policies: ['shop/allow-ui'] },
  },
  {
    name: 'when denied, every isolating policy is named',
    policies: [denyAllIngress('shop'), webIngress('allow-ui', ANDpeer)],
    query: { from: prometheus, to: web },
    allowed: false,
    ingress: {
      allowed: false,
      policies: ['shop/allow-ui', 'shop/default-deny-ingress'],
    },
  },
  {
    name: 'any port: the two sides must share a port',
    policies: [
      webIngress('p', [{ ports: [{ port: 8080 }] }]),
      netpol('frontend', 'dns-only', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      }),
    ],
    query: { from: ui, to: web },
    allowed: false,
    egress: { allowed: true },
    ingress: { allowed: true },
    note: /no port in common/,
  },
  {
    name: 'an invalid peer selector matches nothing',
    policies: [
      webIngress('p', [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [{ key: 'app', operator: 'In' }],
              },
            },
          ],
        },
      ]),
    ],
    query: { from: api, to: web },
    allowed: false,
  },
  {
    name: 'an invalid podSelector selects no pod: the pod stays open',
    policies: [
      netpol('shop', 'p', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'Has' }] },
        policyTypes: ['Ingress'],
      }),
    ],
    query: { from: ui, to: web },
    allowed: true,
    ingress: { allowed: true, isolated: false },
  },
  {
    name: 'a Cilium rule without sections isolates nothing',
    policies: [],
    others: [
      other(
        'CiliumNetworkPolicy',
        'lock',
        { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [] },
        'shop',
      ),
    ],
    query: { from: ui, to: web },
    allowed: true,
    ingress: { allowed: true, isolated: false },
  },
  {
    name: 'Cilium ingress: [{}] denies every source',
    policies: [],
    others: [
      other(
        'CiliumNetworkPolicy',
        'lock',
        { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{}] },
        'shop',
      ),
    ],
    query: { from: ui, to: web },
    allowed: false,
    ingress: {
      allowed: false,
      isolated: true,
      policies: ['CiliumNetworkPolicy shop/lock'],
    },
  },
  {
    name: 'a Cilium deny wins over a NetworkPolicy allow',
    policies: [webIngress('p', [{}])],
    others: [
      other(
        'CiliumNetworkPolicy',
        'no-ui',
        {
          endpointSelector: { matchLabels: { app: 'web' } },
          ingressDeny: [
            { fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'frontend' } }] },
          ],
        },
        'shop',
      ),
    ],
    query: { from: ui, to: web },
    allowed: false,
    ingress: { allowed: false, policies: ['CiliumNetworkPolicy shop/no-ui'] },
  },
];

describe('checkReachability', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const r = checkReachability(cluster(c.policies, c.others), c.query);
    expect(r.allowed).toBe(c.allowed);
    // Cases without these fields check `allowed` only ({} and // match anything).
    expect(r.egress).toMatchObject(c.egress ?? {});
    expect(r.ingress).toMatchObject(c.ingress ?? {});
    expect((r.notes ?? []).join('\n')).toMatch(c.note ?? /(?:)/);
    expect(r.egress.reason.length).toBeGreaterThan(0);
    expect(r.ingress.reason.length).toBeGreaterThan(0);
  });

  it('resolves a named query port and reports it', () => {
    const r = checkReachability(cluster([]), {
      from: ui,
      to: web,
      port: 'metrics',
    });
    expect(r.port).toEqual({ protocol: 'TCP', port: 9090, name: 'metrics' });
  });

  it.each<[string, ReachabilityQuery, RegExp]>([
    [
      'unknown pod',
      { from: { namespace: 'shop', pod: 'nope' }, to: web },
      /pod shop\/nope is not in the snapshot/,
    ],
    [
      'unknown workload',
      { from: { namespace: 'shop', workload: 'Deployment/nope' }, to: web },
      /workload shop\/Deployment\/nope/,
    ],
    [
      'host-network workload',
      {
        from: { namespace: 'monitoring', workload: 'DaemonSet/node-agent' },
        to: web,
      },
      /DaemonSet\/node-agent uses the host network: NetworkPolicy does not apply/,
    ],
    ['bad IP', { from: { ip: '999.1.1.1' }, to: web }, /not an IP address/],
    ['bad port', { from: ui, to: web, port: 70000 }, /out of range/],
  ])('rejects a query with an %s', (_n, query, message) => {
    expect(() => checkReachability(cluster([]), query)).toThrow(
      ReachabilityQueryError,
    );
    expect(() => checkReachability(cluster([]), query)).toThrow(message);
  });

  it('answers many queries from one prepared checker', () => {
    const check = createReachabilityChecker(
      cluster([webIngress('p', ANDpeer)]),
    );
    expect(check({ from: ui, to: web }).allowed).toBe(true);
    expect(check({ from: batch, to: web }).allowed).toBe(false);
  });
});
