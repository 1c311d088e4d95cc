/**
 * The oracle: for generated namespaces, pods and policies of every kind
 * (NetworkPolicy, Cilium, Calico, and real AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy and ClusterNetworkPolicy objects, validated
 * and compiled as a scan reads them), each namespace control agrees with
 * what the reachability engine says of the same pods. Seeded, so a
 * failure replays.
 *
 * - NETPOL-003 passes exactly when every pod of every workload is
 *   isolated in some direction (`reach` says `isolated` on one side);
 * - NETPOL-004 / NETPOL-005 pass only when every pod is isolated for
 *   ingress / egress; when no policy allows anything (Deny, Log, Pass,
 *   empty rules), they pass exactly when every pod, and a new pod without
 *   labels, is denied from outside (an IPv4 and an IPv6 address, and one
 *   in the pods' range) and from every other pod (then nothing reaches
 *   the pods, or leaves them, from any pod either); where an admin Pass
 *   hands on only some pods or ports, a pass still means all that;
 * - `reach` never says a side is isolated while letting an outside
 *   address through by default (no policy named);
 * - the workload reach summary (`fromOtherNamespaces`) says yes exactly
 *   when `reach` allows some pod of another namespace to connect, and its
 *   reasons say allowed exactly when its answers do.
 *
 * Cilium policies are left out of clusters with admin policies: Cilium
 * does not implement the network-policy API kinds (where it runs,
 * NETPOL-002 leaves them out), and the engine does not combine a Cilium
 * `world` deny with an admin deny of every pod into a default deny (a
 * fail where the namespace is in fact closed: the safe direction).
 */
import fc from 'fast-check';
import { evaluateCluster } from './evaluateCluster';
import { createReachabilityChecker } from '../reachability/checkReachability';
import { netpol, ns, other, pod, snapshot } from '../testing/builders';
import type {
  AdminPolicySnapshot,
  ClusterSnapshot,
  NetworkPolicySnapshot,
  OtherPolicySnapshot,
  PodSnapshot,
} from '../snapshot/types';
import type { ReachabilityResult } from '../reachability/types';
import { adminPoliciesArb } from './__testUtils__/adminPolicyArbitraries';

const NAMESPACES = ['a', 'b', 'c'];
const APPS = ['web', 'db', 'x'];
const OUTSIDE = '198.51.100.9';
const OUTSIDE6 = '2001:db8::9';
/** An address outside the cluster inside the pods' range (10.0.0.0/8): rules for that range name it too. */
const OUTSIDE_NEAR = '10.99.0.9';

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
    });
  });
  return fc
    .tuple(fc.tuple(...perNamespace), adminPoliciesArb(NAMESPACES, allowing))
    .map(([parts, adminPolicies]) => {
    const pods: PodSnapshot[] = [];
    const networkPolicies: NetworkPolicySnapshot[] = [];
    const otherPolicies: OtherPolicySnapshot[] = [];
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
      // Cilium does not implement the network-policy API kinds (NETPOL-002
      // leaves them out where it runs): no cluster holds both.
      otherPolicies.push(
        ...dedupe(part.others).filter(
          o => !adminPolicies.length || !o.kind.startsWith('Cilium'),
        ),
      );
    });
    const snap = snapshot({
      namespaces: NAMESPACES.map(n => ns(n, { team: n })),
      pods,
      networkPolicies,
      otherPolicies,
      adminPolicies,
    });
    return { snap, adminPolicies: adminPolicies as AdminPolicySnapshot[] };
  });
}

interface Sides {
  ingress: ReachabilityResult;
  egress: ReachabilityResult;
  ingress6: ReachabilityResult;
  egress6: ReachabilityResult;
  ingressNear: ReachabilityResult;
  egressNear: ReachabilityResult;
}

/** Reach from and to an outside IPv4 and IPv6 address. */
function sides(check: (q: never) => ReachabilityResult, p: PodSnapshot): Sides {
  const me = { namespace: p.namespace, pod: p.name };
  return {
    ingress: check({ from: { ip: OUTSIDE }, to: me } as never),
    egress: check({ from: me, to: { ip: OUTSIDE } } as never),
    ingress6: check({ from: { ip: OUTSIDE6 }, to: me } as never),
    egress6: check({ from: me, to: { ip: OUTSIDE6 } } as never),
    ingressNear: check({ from: { ip: OUTSIDE_NEAR }, to: me } as never),
    egressNear: check({ from: me, to: { ip: OUTSIDE_NEAR } } as never),
  };
}

/** `reach` never calls a side isolated while letting an address through with no policy named. */
function isolatedMeansSomethingDecides(a: Sides): boolean {
  const sideOf = (r: ReachabilityResult, d: 'ingress' | 'egress') => r[d];
  return ([
    [a.ingress, 'ingress'], [a.ingress6, 'ingress'], [a.ingressNear, 'ingress'],
    [a.egress, 'egress'], [a.egress6, 'egress'], [a.egressNear, 'egress'],
  ] as const).every(([r, d]) => {
    const side = sideOf(r, d);
    return !(side.isolated && side.allowed && side.policies.length === 0);
  });
}

/** Some admin Pass rule names only some peers or ports (not every pod on every port). */
function handsOnSome(policies: AdminPolicySnapshot[]): boolean {
  const everyPod = (peer: unknown) => JSON.stringify(peer) === '{"namespaces":{}}' ||
    JSON.stringify(peer).includes('"operator":"Exists"');
  return policies.some(p => {
    const spec = p.spec as Record<string, Array<Record<string, unknown>>>;
    return [...(spec.ingress ?? []), ...(spec.egress ?? [])].some(
      r =>
        r.action === 'Pass' &&
        (r.ports !== undefined || r.protocols !== undefined ||
          !((r.from ?? r.to) as unknown[]).some(everyPod)),
    );
  });
}

const ADMIN_KINDS = ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'];

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
      fc.property(clusterArb(true), ({ snap }) => {
        const report = evaluateCluster(snap, { exemptNamespaces: [] });
        const check = createReachabilityChecker(snap);
        for (const n of report.namespaces) {
          const status = (id: string) => n.results.find(r => r.control === id)!.status;
          for (const id of ['NETPOL-003', 'NETPOL-004', 'NETPOL-005', 'NETPOL-006'])
            seen.add(`${id} ${status(id)}`);
          const pods = workloadPods(snap, n.namespace);
          const answers = pods.map(p => sides(check, p));
          for (const a of answers) expect(isolatedMeansSomethingDecides(a)).toBe(true);
          for (const id of ['NETPOL-004', 'NETPOL-005']) {
            const r = n.results.find(x => x.control === id)!;
            if (r.status === 'pass' && (r.evidence.policies ?? []).some(p => ADMIN_KINDS.includes(p.kind)))
              seen.add(`${id} pass by an admin kind`);
          }
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
            // The reasons say allowed exactly when the answers do.
            const allows = /(^|: )(allowed by|no policy isolates|no rule decides)/;
            expect([w.name, allows.test(w.reach!.why!.fromOtherNamespaces)]).toEqual([w.name, fromElsewhere]);
            expect([w.name, allows.test(w.reach!.why!.fromOutsideCluster)]).toEqual([w.name, w.reach!.fromOutsideCluster]);
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
      'NETPOL-005 pass by an admin kind',
    ])
      expect([...seen]).toContain(outcome);
  });

  it('with policies that allow nothing, a default deny is exactly every pod (and a new one) denied', () => {
    fc.assert(
      fc.property(clusterArb(false), ({ snap }) => {
        // A new pod without labels in each namespace: what the controls must also cover.
        const probes = NAMESPACES.map(n => pod(n, 'zz-new-pod', {}, { ips: [] }));
        const withProbes = { ...snap, pods: [...snap.pods, ...probes] };
        if (snap.adminPolicies?.length) seen.add('deny-only admin policies');
        // An admin Pass of some pods or ports hands them on, and a later tier
        // may deny exactly those: the engine does not compare such peer sets
        // and fails the namespace (the safe direction). Pass still means denied.
        const exact = !handsOnSome(snap.adminPolicies ?? []);
        const report = evaluateCluster(snap, { exemptNamespaces: [] });
        const check = createReachabilityChecker(withProbes);
        for (const n of report.namespaces) {
          const status = (id: string) => n.results.find(r => r.control === id)!.status;
          const pods = withProbes.pods.filter(p => p.namespace === n.namespace);
          const answers = pods.map(p => sides(check, p));
          // Every other pod of the cluster, its own namespace's included.
          const fromPod = (p: PodSnapshot, direction: 'ingress' | 'egress') =>
            withProbes.pods.some(q => {
              if (q === p) return false;
              const me = { namespace: p.namespace, pod: p.name };
              const them = { namespace: q.namespace, pod: q.name };
              const query = direction === 'ingress' ? { from: them, to: me } : { from: me, to: them };
              return check(query as never)[direction].allowed;
            });
          for (const [direction, id] of [['ingress', 'NETPOL-004'], ['egress', 'NETPOL-005']] as const) {
            // Policies allow nothing here: isolated means denied from outside
            // (both address families) and from pods.
            const isolated = answers.every(
              (a, i) =>
                !a[direction][direction].allowed &&
                !a[`${direction}6`][direction].allowed &&
                !a[`${direction}Near`][direction].allowed &&
                !fromPod(pods[i], direction),
            );
            seen.add(`deny-only ${id} ${isolated}`);
            const expected = isolated ? 'pass' : 'fail';
            const agrees = exact ? status(id) === expected : status(id) !== 'pass' || isolated;
            expect({ namespace: n.namespace, id, status: status(id), isolated, agrees }).toMatchObject({ agrees: true });
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
    for (const outcome of [
      'deny-only NETPOL-004 true', 'deny-only NETPOL-004 false', 'deny-only NETPOL-005 true', 'deny-only NETPOL-005 false',
      'deny-only admin policies',
    ])
      expect([...seen]).toContain(outcome);
  });
});
