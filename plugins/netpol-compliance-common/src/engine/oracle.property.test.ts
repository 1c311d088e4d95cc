/**
 * The oracle: for generated namespaces, pods and policies of every kind
 * (NetworkPolicy, Cilium, Calico, and hand-built admin and baseline
 * tiers), each namespace control agrees with what the reachability engine
 * says of the same pods. Seeded, so a failure replays.
 *
 * - NETPOL-003 passes exactly when every pod of every workload is
 *   isolated in some direction (`reach` says `isolated` on one side);
 * - NETPOL-004 / NETPOL-005 pass only when every pod is isolated for
 *   ingress / egress; when no policy allows anything (Deny, Log, Pass,
 *   empty rules), they pass exactly when every pod, and a new pod without
 *   labels, is denied from outside, and then nothing reaches the pods
 *   (ingress) or leaves them (egress) from any pod either;
 * - the workload reach summary (`fromOtherNamespaces`) says yes exactly
 *   when `reach` allows some pod of another namespace to connect.
 */
import fc from 'fast-check';
import { evaluateCluster } from './evaluateCluster';
import { createReachabilityChecker } from '../reachability/checkReachability';
import {
  modelPolicy,
  netpol,
  ns,
  other,
  pod,
  snapshot,
} from '../testing/builders';
import type {
  ClusterSnapshot,
  NetworkPolicySnapshot,
  OtherPolicySnapshot,
  PodSnapshot,
} from '../snapshot/types';
import type { ModelPolicy } from '../policyModel/types';
import type { ReachabilityResult } from '../reachability/types';

const NAMESPACES = ['a', 'b', 'c'];
const APPS = ['web', 'db', 'x'];
const OUTSIDE = '198.51.100.9';

const app = fc.constantFrom(...APPS);
const selectorOf = (v: string | null) => (v ? { matchLabels: { app: v } } : {});

/** Policies of every kind; `allowing` false keeps only the ones that allow nothing. */
function policyArb(namespace: string, allowing: boolean) {
  const maybeApp = fc.option(app, { nil: null });
  const netpolArb = fc
    .record({
      sel: maybeApp,
      types: fc.subarray(['Ingress', 'Egress']),
      ingress: allowing
        ? fc.constantFrom<unknown[]>([], [{}], [{ from: [{ podSelector: {} }] }], [{ from: [{ namespaceSelector: {} }] }])
        : fc.constant([]),
      egress: allowing
        ? fc.constantFrom<unknown[]>([], [{}], [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }])
        : fc.constant([]),
      n: fc.nat(99),
    })
    .map(
      (p): NetworkPolicySnapshot =>
        netpol(namespace, `np${p.n}`, {
          podSelector: selectorOf(p.sel),
          ...(p.types.length ? { policyTypes: p.types } : {}),
          ingress: p.ingress as never,
          egress: p.egress as never,
        }),
    );
  const ciliumSection = allowing
    ? fc.constantFrom<unknown>(undefined, [], [{}], [{ fromEndpoints: [{}] }], [{ fromEntities: ['all'] }], [{ toPorts: [{ ports: [{ port: '80' }] }] }])
    : fc.constantFrom<unknown>(undefined, [], [{}]);
  const ciliumArb = fc
    .record({
      sel: maybeApp,
      ingress: ciliumSection,
      egress: ciliumSection,
      deny: fc.boolean(),
      dd: fc.constantFrom<unknown>(undefined, { ingress: false }, { egress: false }),
      wide: fc.boolean(),
      n: fc.nat(99),
    })
    .map((p): OtherPolicySnapshot => {
      const spec: Record<string, unknown> = {
        endpointSelector: p.wide
          ? { matchLabels: { ...(p.sel ? { app: p.sel } : {}), 'io.kubernetes.pod.namespace': namespace } }
          : selectorOf(p.sel),
      };
      if (p.ingress !== undefined) spec.ingress = p.ingress;
      if (p.egress !== undefined) spec.egress = p.egress;
      if (p.deny) spec.ingressDeny = [{ fromEntities: ['world'] }];
      if (p.dd) spec.enableDefaultDeny = p.dd;
      return p.wide
        ? other('CiliumClusterwideNetworkPolicy', `ccnp-${namespace}${p.n}`, spec)
        : other('CiliumNetworkPolicy', `cnp${p.n}`, spec, namespace);
    });
  const calicoRule = allowing
    ? fc.constantFrom<unknown>({ action: 'Allow' }, { action: 'Deny' }, { action: 'Pass' }, { action: 'Log' }, { action: 'Allow', source: { selector: "app == 'web'" } })
    : fc.constantFrom<unknown>({ action: 'Deny' }, { action: 'Log' }, { action: 'Pass' });
  const calicoArb = fc
    .record({
      sel: maybeApp,
      types: fc.subarray(['Ingress', 'Egress'], { minLength: 1 }),
      ingress: fc.array(calicoRule, { maxLength: 2 }),
      egress: fc.array(calicoRule, { maxLength: 2 }),
      order: fc.option(fc.nat(2000), { nil: undefined }),
      n: fc.nat(99),
    })
    .map(p =>
      other(
        'CalicoNetworkPolicy',
        `cal${p.n}`,
        {
          ...(p.sel ? { selector: `app == '${p.sel}'` } : {}),
          types: p.types,
          ...(p.order !== undefined ? { order: p.order } : {}),
          ingress: p.ingress,
          egress: p.egress,
        },
        namespace,
      ),
    );
  return { netpolArb, ciliumArb, calicoArb };
}

function clusterArb(allowing: boolean) {
  const perNamespace = NAMESPACES.map(n => {
    const { netpolArb, ciliumArb, calicoArb } = policyArb(n, allowing);
    return fc.record({
      pods: fc.array(fc.record({ app, canary: fc.boolean(), sa: fc.boolean(), shared: fc.boolean() }), {
        minLength: 1,
        maxLength: 3,
      }),
      netpols: fc.array(netpolArb, { maxLength: 2 }),
      others: fc.array(fc.oneof(ciliumArb, calicoArb), { maxLength: 2 }),
      baselineDeny: fc.boolean(),
      admin: allowing
        ? fc.constantFrom('none', 'allow-443', 'deny-all', 'pass-all', 'pass-then-deny')
        : fc.constantFrom('none', 'deny-all', 'pass-all', 'pass-then-deny'),
    });
  });
  return fc.tuple(...perNamespace).map(parts => {
    const pods: PodSnapshot[] = [];
    const networkPolicies: NetworkPolicySnapshot[] = [];
    const otherPolicies: OtherPolicySnapshot[] = [];
    const clusterScoped: ModelPolicy[] = [];
    parts.forEach((part, i) => {
      const namespace = NAMESPACES[i];
      part.pods.forEach((p, j) => {
        const labels = { app: p.app, ...(p.canary ? { track: 'canary' } : {}) };
        // Pods sharing an owner make workloads whose pods differ.
        const owner = p.shared ? { kind: 'ReplicaSet', name: `rs-${p.app}` } : undefined;
        pods.push({
          ...pod(namespace, `${p.app}-${j}`, labels, { ...(owner ? { owner } : {}), ips: [`10.${i}.0.${j + 1}`] }),
          ...(p.sa ? { serviceAccountName: 'robot' } : {}),
        });
      });
      const dedupe = <T extends { name: string }>(list: T[]) =>
        [...new Map(list.map(x => [x.name, x])).values()];
      networkPolicies.push(...dedupe(part.netpols));
      otherPolicies.push(...dedupe(part.others));
      const inNs = (x: { namespace: string }) => x.namespace === namespace;
      if (part.baselineDeny)
        clusterScoped.push(
          modelPolicy('baseline', `deny-${namespace}`, {
            selects: inNs,
            ingress: [{ action: 'deny' }],
            egress: [{ action: 'deny' }],
          }),
        );
      const adminRules: Record<string, Array<{ action: 'allow' | 'deny' | 'pass'; tcp?: number[] }>> = {
        none: [],
        'allow-443': [{ action: 'allow', tcp: [443] }],
        'deny-all': [{ action: 'deny' }],
        'pass-all': [{ action: 'pass' }],
        'pass-then-deny': [{ action: 'pass', tcp: [80] }, { action: 'deny' }],
      };
      const rules = adminRules[part.admin];
      if (rules.length)
        clusterScoped.push(
          modelPolicy('admin', `${part.admin}-${namespace}`, { selects: inNs, ingress: rules, egress: rules }),
        );
    });
    const snap = snapshot({
      namespaces: NAMESPACES.map(n => ns(n, { team: n })),
      pods,
      networkPolicies,
      otherPolicies,
    });
    return { snap, clusterScoped };
  });
}

function sides(
  check: (q: never) => ReachabilityResult,
  p: PodSnapshot,
): { ingress: ReachabilityResult; egress: ReachabilityResult } {
  const me = { namespace: p.namespace, pod: p.name };
  return {
    ingress: check({ from: { ip: OUTSIDE }, to: me } as never),
    egress: check({ from: me, to: { ip: OUTSIDE } } as never),
  };
}

function workloadPods(snap: ClusterSnapshot, namespace: string): PodSnapshot[] {
  return snap.pods.filter(p => p.namespace === namespace);
}

const RUNS = { seed: 20261202, numRuns: 80 };
/** Fewer runs: each checks every pair of pods. */
const DENY_RUNS = { seed: 20261203, numRuns: 50 };

/** Outcomes seen, so that the properties are shown not to hold vacuously. */
const seen = new Set<string>();

describe('oracle: controls agree with the reachability engine', () => {
  it('NETPOL-003/004/005 and the reach summary, every kind and tier', () => {
    fc.assert(
      fc.property(clusterArb(true), ({ snap, clusterScoped }) => {
        const report = evaluateCluster(snap, { exemptNamespaces: [] }, { clusterScoped });
        const check = createReachabilityChecker(snap, { clusterScoped });
        for (const n of report.namespaces) {
          const status = (id: string) => n.results.find(r => r.control === id)!.status;
          for (const id of ['NETPOL-003', 'NETPOL-004', 'NETPOL-005', 'NETPOL-006'])
            seen.add(`${id} ${status(id)}`);
          const pods = workloadPods(snap, n.namespace);
          const answers = pods.map(p => sides(check, p));
          const everyIsolatedSomehow = answers.every(a => a.ingress.ingress.isolated || a.egress.egress.isolated);
          expect([n.namespace, status('NETPOL-003')]).toEqual([n.namespace, everyIsolatedSomehow ? 'pass' : 'fail']);
          // A pass means every pod is isolated in that direction.
          expect(
            status('NETPOL-004') !== 'pass' || answers.every(a => a.ingress.ingress.isolated),
          ).toBe(true);
          expect(
            status('NETPOL-005') !== 'pass' || answers.every(a => a.egress.egress.isolated),
          ).toBe(true);
          for (const w of n.workloads) {
            const mine = pods.filter(p =>
              w.kind === 'Pod' ? p.name === w.name : p.ownerReferences[0]?.name === w.name,
            );
            const fromElsewhere = snap.pods
              .filter(q => q.namespace !== n.namespace)
              .some(q =>
                mine.some(
                  p => check({ from: { namespace: q.namespace, pod: q.name }, to: { namespace: p.namespace, pod: p.name } } as never).allowed,
                ),
              );
            expect([w.name, w.reach?.fromOtherNamespaces]).toEqual([w.name, fromElsewhere]);
            seen.add(`fromOtherNamespaces ${fromElsewhere}`);
          }
        }
      }),
      RUNS,
    );
    for (const outcome of [
      'NETPOL-003 pass', 'NETPOL-003 fail', 'NETPOL-004 pass', 'NETPOL-004 fail',
      'NETPOL-005 pass', 'NETPOL-005 fail', 'NETPOL-006 warning', 'NETPOL-006 pass',
      'fromOtherNamespaces true', 'fromOtherNamespaces false',
    ])
      expect([...seen]).toContain(outcome);
  });

  it('with policies that allow nothing, a default deny is exactly every pod (and a new one) denied', () => {
    fc.assert(
      fc.property(clusterArb(false), ({ snap, clusterScoped }) => {
        // A new pod without labels in each namespace: what the controls must also cover.
        const probes = NAMESPACES.map(n => pod(n, 'zz-new-pod', {}, { ips: [] }));
        const withProbes = { ...snap, pods: [...snap.pods, ...probes] };
        const report = evaluateCluster(snap, { exemptNamespaces: [] }, { clusterScoped });
        const check = createReachabilityChecker(withProbes, { clusterScoped });
        for (const n of report.namespaces) {
          const status = (id: string) => n.results.find(r => r.control === id)!.status;
          const pods = withProbes.pods.filter(p => p.namespace === n.namespace);
          const answers = pods.map(p => sides(check, p));
          const source = withProbes.pods.find(p => p.namespace !== n.namespace)!;
          const them = { namespace: source.namespace, pod: source.name };
          const fromPod = (p: PodSnapshot, direction: 'ingress' | 'egress') => {
            const me = { namespace: p.namespace, pod: p.name };
            const q = direction === 'ingress' ? { from: them, to: me } : { from: me, to: them };
            return check(q as never)[direction].allowed;
          };
          for (const [direction, id] of [['ingress', 'NETPOL-004'], ['egress', 'NETPOL-005']] as const) {
            // Policies allow nothing here: isolated means denied from outside and from pods.
            const isolated = answers.every(
              (a, i) => !a[direction][direction].allowed && !fromPod(pods[i], direction),
            );
            seen.add(`deny-only ${id} ${isolated}`);
            expect([n.namespace, id, status(id)]).toEqual([n.namespace, id, isolated ? 'pass' : 'fail']);
            if (!isolated) continue;
            // Then nothing gets in (or out) from any pod of the cluster.
            for (const p of pods) {
              for (const q of withProbes.pods) {
                const me = { namespace: p.namespace, pod: p.name };
                const peer = { namespace: q.namespace, pod: q.name };
                const query = direction === 'ingress' ? { from: peer, to: me } : { from: me, to: peer };
                expect(check(query as never)[direction].allowed).toBe(false);
              }
            }
          }
        }
      }),
      DENY_RUNS,
    );
    for (const outcome of ['deny-only NETPOL-004 true', 'deny-only NETPOL-004 false', 'deny-only NETPOL-005 true', 'deny-only NETPOL-005 false'])
      expect([...seen]).toContain(outcome);
  });
});
