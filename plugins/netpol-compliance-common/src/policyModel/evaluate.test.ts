import { evaluateDirection } from './evaluate';
import { byOrder } from './tierOrder';
import { isIsolated } from './strangers';
import { modelPolicy } from '../testing/builders';
import { describePortSet, portSetContains } from '../semantics/ports';
import type { ModelPolicy, ModelPolicySet, ModelRemote } from './types';
import { modelPod } from './modelPod';

const subject = modelPod('shop', { 'kubernetes.io/metadata.name': 'shop' }, {}, undefined, []);

const remote: ModelRemote = { kind: 'ip', ip: '192.0.2.1' };

function set(policies: ModelPolicy[]): ModelPolicySet {
  const of = (tier: ModelPolicy['tier']) =>
    policies.filter(p => p.tier === tier).sort(byOrder);
  return { admin: of('admin'), namespace: of('namespace'), baseline: of('baseline') };
}

const allows = (policies: ModelPolicy[], port = 80) =>
  portSetContains(
    evaluateDirection(set(policies), 'ingress', subject, remote).allowed,
    'TCP',
    port,
  );

// Namespace-tier policies as NetworkPolicies compile: allow rules, isolating.
const nsDenyAll = modelPolicy('namespace', 'deny-all', {
  order: 1000,
  isolates: { ingress: true },
});
const nsAllow80 = modelPolicy('namespace', 'allow-80', {
  order: 1000,
  isolates: { ingress: true },
  ingress: [{ action: 'allow', tcp: [80] }],
});

describe('tier evaluation', () => {
  it('default allow when nothing selects the pod', () => {
    const d = evaluateDirection(set([]), 'ingress', subject, remote);
    expect(d.allowed.all).toBe(true);
    expect(d.isolated).toBe(false);
  });

  it('namespace tier: union of allows, end-of-tier deny', () => {
    expect(allows([nsDenyAll])).toBe(false);
    expect(allows([nsDenyAll, nsAllow80])).toBe(true);
    expect(allows([nsDenyAll, nsAllow80], 81)).toBe(false);
  });

  it('an admin Allow beats a namespace default deny', () => {
    const admin = modelPolicy('admin', 'allow', {
      ingress: [{ action: 'allow' }],
    });
    expect(allows([nsDenyAll, admin])).toBe(true);
  });

  it('an admin Deny cannot be overridden by a namespace allow', () => {
    const admin = modelPolicy('admin', 'deny', {
      ingress: [{ action: 'deny', tcp: [80] }],
    });
    const d = evaluateDirection(set([admin, nsAllow80]), 'ingress', subject, remote);
    expect(portSetContains(d.allowed, 'TCP', 80)).toBe(false);
    expect(d.denies.map(s => s.policy.id)).toEqual(['AdminNetworkPolicy deny']);
  });

  it('admin priority: the lower number decides first', () => {
    const deny = modelPolicy('admin', 'deny', {
      order: 10,
      ingress: [{ action: 'deny' }],
    });
    const allow = modelPolicy('admin', 'allow', {
      order: 5,
      ingress: [{ action: 'allow' }],
    });
    expect(allows([deny, allow])).toBe(true);
    expect(allows([{ ...allow, order: 20 }, deny])).toBe(false);
  });

  it('admin Pass hands over to the namespace tier, skipping later admin rules', () => {
    const pass = modelPolicy('admin', 'pass', {
      order: 1,
      ingress: [{ action: 'pass', tcp: [80] }],
    });
    const deny = modelPolicy('admin', 'deny', {
      order: 2,
      ingress: [{ action: 'deny' }],
    });
    expect(allows([pass, deny, nsAllow80])).toBe(true);
    expect(allows([pass, deny, nsDenyAll])).toBe(false);
    // Port 81 was not passed: the later admin deny decides it.
    expect(allows([pass, deny], 81)).toBe(false);
    // Passed with no namespace policy: on to the baseline, then default allow.
    expect(allows([pass, deny])).toBe(true);
  });

  it('baseline applies only when the namespace tier does not isolate', () => {
    const baselineDeny = modelPolicy('baseline', 'default', {
      ingress: [{ action: 'deny' }],
    });
    expect(allows([baselineDeny])).toBe(false);
    expect(allows([baselineDeny, nsAllow80])).toBe(true);
    expect(isIsolated(set([baselineDeny]), subject, 'ingress')).toBe(true);
    expect(isIsolated(set([baselineDeny]), subject, 'egress')).toBe(false);
  });

  it('baseline first match: an earlier Allow wins over a later Deny', () => {
    const b = modelPolicy('baseline', 'default', {
      ingress: [{ action: 'allow', tcp: [443] }, { action: 'deny' }],
    });
    expect(allows([b], 443)).toBe(true);
    expect(allows([b], 80)).toBe(false);
  });

  it('namespace tier ordered (Calico): Deny before Allow by order, Log goes on', () => {
    const deny = modelPolicy('namespace', 'deny', {
      order: 100,
      kind: 'CalicoNetworkPolicy',
      isolates: { ingress: true },
      ingress: [{ action: 'log' }, { action: 'deny', tcp: [80] }],
    });
    const allow = modelPolicy('namespace', 'allow', {
      order: 200,
      kind: 'CalicoNetworkPolicy',
      isolates: { ingress: true },
      ingress: [{ action: 'allow' }],
    });
    expect(allows([deny, allow], 80)).toBe(false);
    expect(allows([deny, allow], 81)).toBe(true);
    expect(allows([{ ...deny, order: 300 }, allow], 80)).toBe(true);
  });

  it('namespace Pass goes to the baseline tier', () => {
    const pass = modelPolicy('namespace', 'pass', {
      order: 1,
      kind: 'CalicoNetworkPolicy',
      isolates: { ingress: true },
      ingress: [{ action: 'pass' }],
    });
    const baselineDeny = modelPolicy('baseline', 'default', {
      ingress: [{ action: 'deny', tcp: [80] }],
    });
    expect(allows([pass, nsDenyAll], 81)).toBe(true);
    expect(allows([pass, nsDenyAll, baselineDeny], 80)).toBe(false);
  });

  it('rules marked first (Cilium deny) win over earlier allows', () => {
    const ciliumDeny = modelPolicy('namespace', 'cnp', {
      order: 1000,
      kind: 'CiliumNetworkPolicy',
      isolates: { ingress: true },
      ingress: [{ action: 'allow' }, { action: 'deny', tcp: [80] }],
    });
    ciliumDeny.rules.ingress[1].first = true;
    expect(allows([ciliumDeny], 80)).toBe(false);
    expect(allows([ciliumDeny], 81)).toBe(true);
  });

  it('names every NetworkPolicy allowing a port (union reading)', () => {
    const other = { ...nsAllow80, id: 'NetworkPolicy other', label: 'other' };
    const d = evaluateDirection(set([nsAllow80, other]), 'ingress', subject, remote);
    expect(d.allows.map(a => a.policy.id).sort()).toEqual([
      'NetworkPolicy allow-80',
      'NetworkPolicy other',
    ]);
    expect(describePortSet(d.allowed)).toBe('TCP/80');
  });
});
