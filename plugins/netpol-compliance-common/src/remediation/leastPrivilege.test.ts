import { parseAllDocuments } from 'yaml';
import { checkReachability } from '../reachability/checkReachability';
import { controller, netpol, snapshot } from '../testing/builders';
import { components, paymentsOnlyFromBilling, shop } from '../connections/fixtures';
import type { ClusterSnapshot } from '../snapshot/types';
import { leastPrivilegePolicies } from './leastPrivilege';
import { verifyLeastPrivilege } from './verifyLeastPrivilege';

function applyAndVerify(snap: ClusterSnapshot, namespace: string) {
  const set = leastPrivilegePolicies(snap, namespace, components);
  return { set, check: verifyLeastPrivilege(snap, namespace, set.policies, set.declared) };
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

  it('does not claim isolation when an existing policy keeps the namespace open', () => {
    const open = netpol('payments', 'allow-all-namespaces', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    const { check } = applyAndVerify(shop([open]), 'payments');
    expect(check.verified).toBe(false);
    expect(check.stillOpen.map(o => o.source)).toContain('sandbox');
    expect(check.problems.join('\n')).toContain('payments/allow-all-namespaces');
    expect(check.controls.find(c => c.control === 'NETPOL-006')?.status).not.toBe('pass');
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
    const check = verifyLeastPrivilege(shop(), 'payments', withoutAllow, set.declared);
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
    const check = verifyLeastPrivilege(snap, 'payments', set.policies, set.declared);
    expect(check.verified).toBe(false);
  });
});
