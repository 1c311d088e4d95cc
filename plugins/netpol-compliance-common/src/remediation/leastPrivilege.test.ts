import { parseAllDocuments } from 'yaml';
import { checkReachability } from '../reachability/checkReachability';
import { controller, netpol, other, snapshot } from '../testing/builders';
import { components, paymentsOnlyFromBilling, shop } from '../connections/fixtures';
import type { ClusterSnapshot } from '../snapshot/types';
import { leastPrivilegePolicies } from './leastPrivilege';
import { verifyLeastPrivilege } from './verifyLeastPrivilege';

function applyAndVerify(snap: ClusterSnapshot, namespace: string) {
  const set = leastPrivilegePolicies(snap, namespace, components);
  return { set, check: verifyLeastPrivilege(snap, set) };
}

const reach = (snap: ClusterSnapshot, from: [string, string], to: [string, string]) =>
  checkReachability(snap, {
    from: { namespace: from[0], workload: from[1] },
    to: { namespace: to[0], workload: to[1] },
  }).allowed;

describe('leastPrivilegePolicies', () => {
  it('opens the blocked declared dependency, isolates the rest, and passes the namespace controls', () => {
    const before = shop(paymentsOnlyFromBilling);
    expect(reach(before, ['shop', 'Deployment/web'], ['payments', 'Deployment/api'])).toBe(false);
    const { set, check } = applyAndVerify(before, 'payments');
    expect(set.policies.map(p => p.name)).toEqual([
      'default-deny-ingress',
      'default-deny-egress',
      'allow-dns-egress',
      'allow-ingress-to-deployment-api',
    ]);
    const ingress = set.policies[3].spec.ingress!;
    expect(ingress.map(r => r.from![0].namespaceSelector!.matchLabels)).toEqual([
      { 'kubernetes.io/metadata.name': 'shop' },
      { 'kubernetes.io/metadata.name': 'billing' },
    ]);
    expect(ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(check.problems).toEqual([]);
    expect(check.verified).toBe(true);
    expect(check.declared.every(d => d.allowed)).toBe(true);
    expect(check.controls.map(c => `${c.control}:${c.status}`)).toEqual([
      'NETPOL-001:pass',
      'NETPOL-003:pass',
      'NETPOL-004:pass',
      'NETPOL-005:pass',
      'NETPOL-006:pass',
    ]);
  });

  it('writes YAML whose documents are the policies verified', () => {
    const { set } = applyAndVerify(shop(), 'payments');
    const docs = parseAllDocuments(set.yaml).map(d => d.toJS());
    expect(docs.map(d => d.metadata.name)).toEqual(set.policies.map(p => p.name));
    expect(docs[3].spec).toEqual(set.policies[3].spec);
    expect(set.yaml).toContain('# Ingress the catalog declares');
  });

  it('allows egress only to declared dependencies from the consumer namespace', () => {
    const before = shop();
    const { set, check } = applyAndVerify(before, 'shop');
    expect(check.verified).toBe(true);
    const after = { ...before, networkPolicies: set.policies };
    expect(reach(after, ['shop', 'Deployment/web'], ['payments', 'Deployment/api'])).toBe(true);
    expect(reach(after, ['shop', 'Deployment/web'], ['sandbox', 'Deployment/toolbox'])).toBe(false);
  });

  it('replaces an existing policy that keeps the namespace open, and is verified only with it deleted', () => {
    const open = netpol('payments', 'allow-all-namespaces', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    const { set, check } = applyAndVerify(shop([open]), 'payments');
    expect(set.replaces).toEqual([
      { name: 'allow-all-namespaces', action: 'delete', why: 'it admits sources from outside the namespace; the set admits only the declared ones' },
    ]);
    expect(check.problems).toEqual([]);
    expect(check.verified).toBe(true);
    // Applied beside it instead, the set would leave the namespace open: the verification says so.
    const beside = verifyLeastPrivilege(shop([open]), { ...set, replaces: [] });
    expect(beside.verified).toBe(false);
    expect(beside.stillOpen.map(o => o.source)).toContain('sandbox');
    expect(beside.problems.join('\n')).toContain('payments/allow-all-namespaces');
    expect(beside.controls.find(c => c.control === 'NETPOL-006')?.status).not.toBe('pass');
  });

  it('keeps policies that admit only the namespace own pods, and replaces lookalikes that reach further', () => {
    const inside = (name: string, from: any[]) =>
      netpol('payments', name, { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from }] });
    const existing = [
      inside('same-namespace-pods', [{ podSelector: { matchLabels: { app: 'x' } } }]),
      netpol('payments', 'egress-to-ten', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }),
      inside('own-namespace-by-name', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } }]),
      inside('lookalike-namespace', [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments-old' } } }]),
      inside('own-name-plus-expression', [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] } },
      ]),
      inside('ip-block', [{ ipBlock: { cidr: '10.0.0.0/8' } }]),
      netpol('payments', 'any-source', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] }),
      netpol('payments', 'egress-only', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}], egress: [{}] }),
      { ...netpol('payments', 'allow-ingress-to-deployment-old', { podSelector: {}, policyTypes: ['Ingress'] }), labels: { 'app.kubernetes.io/managed-by': 'netpol-compliance' } },
      netpol('payments', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
      // Another namespace's policy is never this set's to replace.
      netpol('shop', 'any-source', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] }),
    ];
    const { set, check } = applyAndVerify(shop(existing), 'payments');
    expect(set.replaces.filter(r => r.action === 'overwrite').map(r => r.name)).toEqual(['default-deny-ingress']);
    expect(set.replaces.map(r => r.name)).toEqual([
      'allow-ingress-to-deployment-old',
      'any-source',
      'default-deny-ingress',
      'egress-only',
      'ip-block',
      'lookalike-namespace',
      'own-name-plus-expression',
    ]);
    expect(check.problems).toEqual([]);
    expect(check.verified).toBe(true);
  });

  it('cannot replace another kind of policy that lets outsiders in: not verified, and it says which', () => {
    const cilium = other('CiliumNetworkPolicy', 'allow-world', {
      endpointSelector: {},
      ingress: [{ fromEntities: ['all'] }],
    }, 'payments');
    const snap = { ...shop(), otherPolicies: [cilium] };
    const { set, check } = applyAndVerify(snap, 'payments');
    expect(set.replaces).toEqual([]);
    expect(check.verified).toBe(false);
    expect(check.problems.join('\n')).toContain('CiliumNetworkPolicy payments/allow-world');
  });

  it('says DNS is not verified when the cluster data has no cluster DNS pods', () => {
    const snap = shop();
    snap.controllers = snap.controllers.filter(c => c.namespace !== 'kube-system');
    const { set } = applyAndVerify(snap, 'payments');
    expect(set.declared.some(d => d.connection.to === 'cluster-dns')).toBe(false);
    expect(set.notes.join('\n')).toMatch(/No cluster DNS pods .* not verified/);
    expect(applyAndVerify(shop(), 'payments').set.notes.join('\n')).not.toContain('No cluster DNS pods');
  });

  it('says apart a declared connection the other end blocks: no policy here can open it', () => {
    const webDeniesEgress = netpol('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
    const { check } = applyAndVerify(shop([webDeniesEgress]), 'payments');
    expect(check.verified).toBe(true);
    expect(check.otherSide).toEqual([
      expect.stringMatching(/^declared shop\/Deployment\/web to payments\/Deployment\/api also needs shop's policies to allow it: .*shop\/deny-egress/),
    ]);
    expect(check.declared.find(d => d.from.namespace === 'shop')?.allowed).toBe(false);
  });

  it('fails when its own side still blocks a declared connection', () => {
    const { set } = applyAndVerify(shop(), 'payments');
    const withoutAllow = set.policies.filter(p => !p.name.startsWith('allow-ingress'));
    const check = verifyLeastPrivilege(shop(), { ...set, policies: withoutAllow });
    expect(check.verified).toBe(false);
    expect(check.problems.join('\n')).toMatch(/shop\/Deployment\/web to payments\/Deployment\/api stays blocked/);
  });

  it('falls back to every port with a note when the destination declares none', () => {
    const snap = shop();
    snap.controllers = snap.controllers.map(c => (c.name === 'api' ? { ...c, templatePorts: [] } : c));
    const { set, check } = applyAndVerify(snap, 'payments');
    expect(set.policies[3].spec.ingress![0].ports).toBeUndefined();
    expect(set.notes.join('\n')).toContain('Deployment/api declares no container port');
    expect(check.verified).toBe(true);
  });

  it('allows the targetPort of a Service selecting the destination when its containers declare no port', () => {
    const snap = shop();
    snap.controllers = snap.controllers.map(c => (c.name === 'api' ? { ...c, templatePorts: [] } : c));
    snap.services = [
      { namespace: 'payments', name: 'api', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }, { port: 9090, protocol: 'UDP' }] },
      // Another namespace's Service, and one selecting other pods: not the destination's.
      { namespace: 'shop', name: 'api', selector: { app: 'api' }, ports: [{ port: 1111 }] },
      { namespace: 'payments', name: 'other', selector: { app: 'other' }, ports: [{ port: 2222 }] },
    ];
    const { set, check } = applyAndVerify(snap, 'payments');
    const ingress = set.policies.find(p => p.name === 'allow-ingress-to-deployment-api')!.spec.ingress!;
    expect(ingress[0].ports).toEqual([
      { protocol: 'TCP', port: 8080 },
      { protocol: 'UDP', port: 9090 },
    ]);
    expect(set.notes.join('\n')).not.toContain('declares no container port');
    expect(check.verified).toBe(true);
  });

  it('says when Services could not be read, so ports may be wider than a Service would make them', () => {
    const snap = shop();
    snap.controllers = snap.controllers.map(c => (c.name === 'api' ? { ...c, templatePorts: [] } : c));
    snap.missing = [{ resource: 'services', reason: 'Service list failed: 403 Forbidden' }];
    const { set, check } = applyAndVerify(snap, 'payments');
    expect(set.notes).toContain(
      'Services could not be read: Service list failed: 403 Forbidden: the ports come from the containers alone (a workload reached only through a Service\'s targetPort is allowed on every port)',
    );
    // Missing Services never stand in the way of the namespace controls.
    expect(check.verified).toBe(true);
  });

  it('resolves a named targetPort through the container port names, and says when none has that name', () => {
    const snap = shop();
    snap.services = [
      { namespace: 'payments', name: 'api', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 'grpc' }] },
    ];
    const set = leastPrivilegePolicies(snap, 'payments', components);
    const ingress = set.policies.find(p => p.name === 'allow-ingress-to-deployment-api')!.spec.ingress!;
    expect(ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(set.notes).toContain('Service payments/api targets port "grpc", which no container of payments/Deployment/api names: left out');
  });

  it('never selects a workload by per-revision labels only, and then says the connection stays denied', () => {
    const snap = snapshot({
      controllers: [
        ...shop().controllers.filter(c => c.name !== 'web'),
        controller('Deployment', 'shop', 'web', {
          templateLabels: { 'pod-template-hash': 'abc' },
        }),
      ],
    });
    const withWeb = components.map(c =>
      c.ref.endsWith('shop-web') ? { ...c, mapping: { mapped: true, namespaces: ['shop'] } } : c,
    );
    const set = leastPrivilegePolicies(snap, 'payments', withWeb);
    const peers = set.policies.flatMap(p => p.spec.ingress ?? []).flatMap(r => r.from ?? []);
    expect(peers.some(p => p.podSelector && Object.keys(p.podSelector.matchLabels ?? {}).length === 0)).toBe(false);
    expect(set.notes.join('\n')).toContain('shop/Deployment/web has no label shared by all its pods');
    const check = verifyLeastPrivilege(snap, set);
    expect(check.verified).toBe(false);
  });
});
