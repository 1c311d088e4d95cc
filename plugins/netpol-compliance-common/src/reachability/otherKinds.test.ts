/**
 * Reach through Cilium and Calico policies, case by case from their
 * documentation (docs.cilium.io "Layer 3/4 examples", "Deny policies";
 * docs.tigera.io "NetworkPolicy", "GlobalNetworkPolicy", "Rule").
 */
import { checkReachability } from './checkReachability';
import { netpol, ns, other, pod, port, snapshot } from '../testing/builders';
import type { OtherPolicySnapshot, PodSnapshot } from '../snapshot/types';
import type { ReachabilityQuery } from './types';

const pods: PodSnapshot[] = [
  {
    ...pod('shop', 'web', { app: 'web' }, { ips: ['10.0.0.1'], ports: [port(8080, 'http')] }),
    serviceAccountName: 'web',
  },
  { ...pod('shop', 'db', { app: 'db' }, { ips: ['10.0.0.2'] }), serviceAccountName: 'db' },
  pod('dev', 'tool', { app: 'tool' }, { ips: ['10.0.1.1'] }),
];
const namespaces = [ns('shop', { team: 'shop' }), ns('dev', { team: 'dev' })];

const web = { namespace: 'shop', pod: 'web' };
const db = { namespace: 'shop', pod: 'db' };
const tool = { namespace: 'dev', pod: 'tool' };

function reach(others: OtherPolicySnapshot[], query: ReachabilityQuery, extra = {}) {
  return checkReachability(
    snapshot({ namespaces, pods, otherPolicies: others, ...extra }),
    query,
  );
}

const cnp = (spec: unknown, name = 'p') => other('CiliumNetworkPolicy', name, spec, 'shop');
const calico = (spec: unknown, name = 'p') => other('CalicoNetworkPolicy', name, spec, 'shop');
const webSel = { matchLabels: { app: 'web' } };

describe('Cilium', () => {
  it.each<[string, unknown, ReachabilityQuery, boolean]>([
    ['fromEndpoints {} in a namespaced policy: its namespace only (db)', { endpointSelector: webSel, ingress: [{ fromEndpoints: [{}] }] }, { from: db, to: web }, true],
    ['fromEndpoints {} in a namespaced policy: its namespace only (dev)', { endpointSelector: webSel, ingress: [{ fromEndpoints: [{}] }] }, { from: tool, to: web }, false],
    [
      'fromEndpoints naming another namespace',
      { endpointSelector: webSel, ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'dev' } }] }] },
      { from: tool, to: web },
      true,
    ],
    [
      'fromEndpoints by namespace label',
      { endpointSelector: webSel, ingress: [{ fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.team': 'dev' } }] }] },
      { from: tool, to: web },
      true,
    ],
    [
      'toEndpoints by service account',
      { endpointSelector: webSel, egress: [{ toEndpoints: [{ matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'db' } }] }] },
      { from: web, to: db },
      true,
    ],
    [
      'toEndpoints by another service account',
      { endpointSelector: webSel, egress: [{ toEndpoints: [{ matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'nobody' } }] }] },
      { from: web, to: db },
      false,
    ],
    ['fromEntities cluster admits pods', { endpointSelector: webSel, ingress: [{ fromEntities: ['cluster'] }] }, { from: tool, to: web }, true],
    ['fromEntities cluster is not the world', { endpointSelector: webSel, ingress: [{ fromEntities: ['cluster'] }] }, { from: { ip: '203.0.113.1' }, to: web }, false],
    ['fromEntities world admits outside addresses', { endpointSelector: webSel, ingress: [{ fromEntities: ['world'] }] }, { from: { ip: '203.0.113.1' }, to: web }, true],
    ['fromEntities world is not pods', { endpointSelector: webSel, ingress: [{ fromEntities: ['world'] }] }, { from: tool, to: web }, false],
    ['toCIDR', { endpointSelector: webSel, egress: [{ toCIDR: ['203.0.113.0/24'] }] }, { from: web, to: { ip: '203.0.113.9' } }, true],
    [
      'toCIDRSet except',
      { endpointSelector: webSel, egress: [{ toCIDRSet: [{ cidr: '203.0.113.0/24', except: ['203.0.113.0/28'] }] }] },
      { from: web, to: { ip: '203.0.113.9' } },
      false,
    ],
    [
      'toPorts: the port',
      { endpointSelector: webSel, ingress: [{ fromEntities: ['all'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }] },
      { from: tool, to: web, port: 8080 },
      true,
    ],
    [
      'toPorts: another port',
      { endpointSelector: webSel, ingress: [{ fromEntities: ['all'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }] },
      { from: tool, to: web, port: 9090 },
      false,
    ],
    [
      'toPorts protocol ANY covers UDP',
      { endpointSelector: webSel, ingress: [{ toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }] },
      { from: tool, to: web, port: 53, protocol: 'UDP' },
      true,
    ],
    [
      'deny wins over allow, whatever the order',
      { endpointSelector: webSel, ingress: [{ fromEntities: ['all'] }], ingressDeny: [{ fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'dev' } }] }] },
      { from: tool, to: web },
      false,
    ],
    [
      'a deny-only policy still isolates (default deny)',
      { endpointSelector: webSel, ingressDeny: [{ fromEntities: ['world'] }] },
      { from: db, to: web },
      false,
    ],
    [
      'enableDefaultDeny ingress false: deny rules apply, the rest stays open',
      { endpointSelector: webSel, enableDefaultDeny: { ingress: false }, ingressDeny: [{ fromEntities: ['world'] }] },
      { from: db, to: web },
      true,
    ],
    ['an egress-only rule leaves ingress open', { endpointSelector: webSel, egress: [{}] }, { from: tool, to: web }, true],
    ['an egress-only rule closes egress', { endpointSelector: webSel, egress: [{}] }, { from: web, to: tool }, false],
  ])('%s', (_n, spec, query, allowed) => {
    expect(reach([cnp(spec)], query).allowed).toBe(allowed);
  });

  it('says what it does not read: layer 7 rules', () => {
    const r = reach(
      [
        cnp({
          endpointSelector: webSel,
          ingress: [
            {
              fromEntities: ['cluster'],
              toPorts: [{ ports: [{ port: '8080' }], rules: { http: [{ method: 'GET' }] } }],
            },
          ],
        }),
      ],
      { from: tool, to: web, port: 8080 },
    );
    expect(r.allowed).toBe(true);
    expect(r.notes?.join('\n')).toMatch(/CiliumNetworkPolicy shop\/p: .*layer 7 rules are not evaluated/);
  });

  it('a deny on a Cilium policy beats a NetworkPolicy allow', () => {
    const r = reach(
      [cnp({ endpointSelector: webSel, ingressDeny: [{ fromEntities: ['cluster'] }] })],
      { from: tool, to: web },
      { networkPolicies: [netpol('shop', 'allow', { podSelector: {}, ingress: [{}] })] },
    );
    expect(r.allowed).toBe(false);
    expect(r.ingress.reason).toMatch(/denied by CiliumNetworkPolicy shop\/p ingress rule 1/);
  });
});

describe('Calico', () => {
  it.each<[string, unknown, ReachabilityQuery, boolean]>([
    ['types and no rules: default deny', { types: ['Ingress'] }, { from: db, to: web }, false],
    ['Allow by selector, same namespace', { types: ['Ingress'], ingress: [{ action: 'Allow', source: { selector: "app == 'db'" } }] }, { from: db, to: web }, true],
    ['a selector without namespaceSelector stays in the namespace', { types: ['Ingress'], ingress: [{ action: 'Allow', source: { selector: "app == 'tool'" } }] }, { from: tool, to: web }, false],
    [
      'namespaceSelector over namespace labels',
      { types: ['Ingress'], ingress: [{ action: 'Allow', source: { namespaceSelector: "team == 'dev'" } }] },
      { from: tool, to: web },
      true,
    ],
    [
      'serviceAccounts.names',
      { types: ['Ingress'], ingress: [{ action: 'Allow', source: { serviceAccounts: { names: ['db'] } } }] },
      { from: db, to: web },
      true,
    ],
    ['nets', { types: ['Egress'], egress: [{ action: 'Allow', destination: { nets: ['203.0.113.0/24'] } }] }, { from: web, to: { ip: '203.0.113.9' } }, true],
    [
      'notNets',
      { types: ['Egress'], egress: [{ action: 'Allow', destination: { notNets: ['203.0.113.0/24'] } }] },
      { from: web, to: { ip: '203.0.113.9' } },
      false,
    ],
    [
      'ports with the rule protocol',
      { types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [8080] } }] },
      { from: tool, to: web, port: 8080 },
      true,
    ],
    [
      'a port range',
      { types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: ['8000:8100'] } }] },
      { from: tool, to: web, port: 8080, protocol: 'TCP' },
      true,
    ],
    [
      'ICMP rules open no port',
      { types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'ICMP' }] },
      { from: tool, to: web, port: 8080 },
      false,
    ],
    [
      'first match: Deny before Allow',
      { types: ['Ingress'], ingress: [{ action: 'Deny', source: { selector: "app == 'db'" } }, { action: 'Allow' }] },
      { from: db, to: web },
      false,
    ],
    ['Log goes on to the next rule', { types: ['Ingress'], ingress: [{ action: 'Log' }, { action: 'Allow' }] }, { from: db, to: web }, true],
    ['Pass with nothing after: default allow', { types: ['Ingress'], ingress: [{ action: 'Pass' }] }, { from: db, to: web }, true],
    [
      "a rule's destination selector narrows the pods it applies to",
      { types: ['Ingress'], ingress: [{ action: 'Allow', destination: { selector: "app == 'db'" } }] },
      { from: tool, to: web },
      false,
    ],
  ])('%s', (_n, spec, query, allowed) => {
    expect(reach([calico({ selector: "app == 'web'", ...(spec as object) })], query).allowed).toBe(allowed);
  });

  it('order: a lower order decides first, across policies and kinds', () => {
    const deny = calico({ selector: 'all()', order: 100, types: ['Ingress'], ingress: [{ action: 'Deny', source: { namespaceSelector: "team == 'dev'" } }] }, 'deny-dev');
    const allowAll = netpol('shop', 'allow-all', { podSelector: {}, ingress: [{}] });
    const r = reach([deny], { from: tool, to: web }, { networkPolicies: [allowAll] });
    expect(r.allowed).toBe(false);
    expect(r.ingress.reason).toMatch(/denied by CalicoNetworkPolicy shop\/deny-dev ingress rule 1/);
    // Without an order, Calico puts the policy after everything, NetworkPolicies (1000) included.
    const late = calico({ selector: 'all()', types: ['Ingress'], ingress: [{ action: 'Deny' }] }, 'late');
    expect(reach([late], { from: tool, to: web }, { networkPolicies: [allowAll] }).allowed).toBe(true);
  });

  it('a GlobalNetworkPolicy Pass skips the namespace policies that follow', () => {
    const pass = other('CalicoGlobalNetworkPolicy', 'pass-dev', {
      order: 10,
      selector: 'all()',
      types: ['Ingress'],
      ingress: [{ action: 'Pass', source: { namespaceSelector: "team == 'dev'" } }],
    });
    const denyAll = calico({ selector: 'all()', types: ['Ingress'] }, 'deny-all');
    expect(reach([pass, denyAll], { from: tool, to: web }).allowed).toBe(true);
    expect(reach([pass, denyAll], { from: db, to: web }).allowed).toBe(false);
  });
});
