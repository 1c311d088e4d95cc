import { ReachAnalyzer } from './workloadReach';
import { egressAllowance, ingressAllowance } from './directionRules';
import { buildClusterIndex, PodShape } from '../engine/clusterIndex';
import { portsIntersect, isEmptyPortSet } from '../semantics/ports';
import {
  denyAllEgress,
  denyAllIngress,
  netpol,
  ns,
  pod,
  port,
  snapshot,
} from '../testing/builders';
import type {
  ClusterSnapshot,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySnapshot,
} from '../snapshot/types';

function analyse(s: ClusterSnapshot) {
  const index = buildClusterIndex(s);
  const analyzer = new ReachAnalyzer(index);
  const shape = (namespace: string, app: string) =>
    index.shapesByNamespace.get(namespace)!.find(sh => sh.labels.app === app)!;
  return { index, analyzer, shape };
}

const base = {
  namespaces: [
    ns('shop', { team: 'shop' }),
    ns('front', { team: 'front' }),
    ns('ops'),
  ],
  pods: [
    pod('shop', 'web', { app: 'web' }, { ports: [port(8080, 'http')] }),
    pod('shop', 'db', { app: 'db' }, { ports: [port(5432)] }),
    pod('front', 'ui', { app: 'ui' }),
    pod('ops', 'probe', { app: 'probe' }),
  ],
};

describe('workload reach summary', () => {
  it('an unprotected workload is reachable from everywhere', () => {
    const { analyzer, shape } = analyse(snapshot(base));
    expect(analyzer.summarise([shape('shop', 'web')])).toEqual({
      fromOtherNamespaces: true,
      fromOutsideCluster: true,
      why: {
        fromOtherNamespaces: 'from front: no policy isolates it for ingress (default allow)',
        fromOutsideCluster: 'no policy isolates it for ingress (default allow)',
      },
    });
  });

  it('default deny ingress closes both', () => {
    const { analyzer, shape } = analyse(
      snapshot({ ...base, networkPolicies: [denyAllIngress('shop')] }),
    );
    expect(analyzer.summarise([shape('shop', 'web')])).toEqual({
      fromOtherNamespaces: false,
      fromOutsideCluster: false,
      why: {
        fromOtherNamespaces: 'from front: isolated by shop/default-deny-ingress; no rule allows it',
        fromOutsideCluster: 'isolated by shop/default-deny-ingress; no rule allows it',
      },
    });
  });

  it('same-namespace allow does not open other namespaces', () => {
    const { analyzer, shape } = analyse(
      snapshot({
        ...base,
        networkPolicies: [
          netpol('shop', 'same', {
            podSelector: {},
            ingress: [{ from: [{ podSelector: {} }] }],
          }),
        ],
      }),
    );
    expect(analyzer.fromOtherNamespaces(shape('shop', 'web'))).toBe(false);
    expect(analyzer.fromOutsideCluster(shape('shop', 'web'))).toBe(false);
  });

  it('needs the source egress too: every other namespace denies egress', () => {
    const { analyzer, shape } = analyse(
      snapshot({
        ...base,
        networkPolicies: [
          netpol('shop', 'from-all', {
            podSelector: { matchLabels: { app: 'web' } },
            ingress: [{ from: [{ namespaceSelector: {} }] }],
          }),
          denyAllEgress('front'),
          denyAllEgress('ops'),
        ],
      }),
    );
    expect(analyzer.fromOtherNamespaces(shape('shop', 'web'))).toBe(false);
  });

  it('an isolated source whose egress targets the workload', () => {
    const { analyzer, shape } = analyse(
      snapshot({
        ...base,
        networkPolicies: [
          netpol('shop', 'from-front', {
            podSelector: { matchLabels: { app: 'web' } },
            ingress: [
              {
                from: [
                  { namespaceSelector: { matchLabels: { team: 'front' } } },
                ],
                ports: [{ port: 'http' }],
              },
            ],
          }),
          denyAllEgress('front'),
          netpol('front', 'to-shop-web', {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [
              {
                to: [
                  {
                    namespaceSelector: { matchLabels: { team: 'shop' } },
                    podSelector: { matchLabels: { app: 'web' } },
                  },
                ],
                ports: [{ port: 8080 }],
              },
            ],
          }),
          denyAllEgress('ops'),
        ],
      }),
    );
    expect(analyzer.fromOtherNamespaces(shape('shop', 'web'))).toBe(true);
    // db is not isolated for ingress, but front may only send to web and ops sends nothing.
    expect(analyzer.fromOtherNamespaces(shape('shop', 'db'))).toBe(false);
  });

  it('ports must agree between both sides', () => {
    const { analyzer, shape } = analyse(
      snapshot({
        ...base,
        networkPolicies: [
          netpol('shop', 'from-front', {
            podSelector: { matchLabels: { app: 'web' } },
            ingress: [
              {
                from: [
                  { namespaceSelector: { matchLabels: { team: 'front' } } },
                ],
                ports: [{ port: 8080 }],
              },
            ],
          }),
          netpol('front', 'dns-only', {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
          }),
        ],
      }),
    );
    expect(analyzer.fromOtherNamespaces(shape('shop', 'web'))).toBe(false);
  });

  it('outside the cluster through ipBlock, unless the exceptions cover it', () => {
    const policy = (except?: string[]) =>
      netpol('shop', 'p', {
        podSelector: {},
        ingress: [
          {
            from: [
              {
                ipBlock: { cidr: '10.0.0.0/8', ...(except ? { except } : {}) },
              },
            ],
          },
        ],
      });
    expect(
      analyse(
        snapshot({ ...base, networkPolicies: [policy()] }),
      ).analyzer.fromOutsideCluster(
        analyse(snapshot({ ...base, networkPolicies: [policy()] })).shape(
          'shop',
          'web',
        ),
      ),
    ).toBe(true);
    const closed = analyse(
      snapshot({
        ...base,
        networkPolicies: [policy(['10.0.0.0/9', '10.128.0.0/9'])],
      }),
    );
    expect(
      closed.analyzer.fromOutsideCluster(closed.shape('shop', 'web')),
    ).toBe(false);
  });

  it('a named port the workload does not declare opens nothing', () => {
    const { analyzer, shape } = analyse(
      snapshot({
        ...base,
        networkPolicies: [
          netpol('shop', 'p', {
            podSelector: {},
            ingress: [{ ports: [{ port: 'grpc' }] }],
          }),
        ],
      }),
    );
    expect(analyzer.fromOutsideCluster(shape('shop', 'web'))).toBe(false);
    expect(analyzer.fromOtherNamespaces(shape('shop', 'web'))).toBe(false);
  });
});

// ---- randomised comparison with the pairwise definition -------------------

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CIDRS = [
  { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] },
  { cidr: '198.51.100.0/24' },
  { cidr: '0.0.0.0/0' },
  { cidr: '2001:db8::/32' },
  { cidr: '203.0.113.0/25', except: ['203.0.113.0/26', '203.0.113.64/26'] },
];
const SAMPLE_IPS = [
  '203.0.113.5',
  '203.0.113.200',
  '198.51.100.1',
  '8.8.8.8',
  '2001:db8::1',
  'fd00::1',
];

function randomCluster(seed: number): ClusterSnapshot {
  const r = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const nsNames = ['a', 'b', 'c', 'd', 'e'];
  const namespaces = nsNames.map(n =>
    ns(n, r() < 0.6 ? { team: pick(['x', 'y']) } : {}),
  );
  const portPool = [
    port(80, 'http'),
    port(53, 'dns', 'UDP'),
    port(8080, 'alt'),
  ];
  const pods = Array.from({ length: 14 }, (_, i) =>
    pod(
      pick(nsNames),
      `p${i}`,
      {
        app: pick(['a', 'b', 'c']),
        ...(r() < 0.5 ? { role: pick(['x', 'y']) } : {}),
      },
      {
        ports: portPool.filter(() => r() < 0.5),
      },
    ),
  );
  const selector = () =>
    pick<any>([
      {},
      { matchLabels: { app: pick(['a', 'b', 'c']) } },
      {
        matchExpressions: [
          { key: 'role', operator: pick(['Exists', 'DoesNotExist']) },
        ],
      },
      {
        matchExpressions: [
          { key: 'app', operator: 'NotIn', values: [pick(['a', 'b'])] },
        ],
      },
    ]);
  const nsSelector = () =>
    pick<any>([
      {},
      { matchLabels: { team: pick(['x', 'y']) } },
      { matchLabels: { 'kubernetes.io/metadata.name': pick(nsNames) } },
    ]);
  const peer = (): NetworkPolicyPeer =>
    pick<() => NetworkPolicyPeer>([
      () => ({ podSelector: selector() }),
      () => ({ namespaceSelector: nsSelector() }),
      () => ({ namespaceSelector: nsSelector(), podSelector: selector() }),
      () => ({ ipBlock: pick(CIDRS) }),
    ])();
  const ports = (): NetworkPolicyPort[] | undefined =>
    pick<() => NetworkPolicyPort[] | undefined>([
      () => undefined,
      () => [{ port: pick([80, 8080, 53]) }],
      () => [{ port: 53, protocol: 'UDP' }],
      () => [
        {
          port: pick(['http', 'dns', 'alt']),
          ...(r() < 0.3 ? { protocol: 'UDP' } : {}),
        },
      ],
      () => [{ port: 70, endPort: 90 }],
    ])();
  const rules = (key: 'from' | 'to') =>
    Array.from({ length: Math.floor(r() * 3) }, () => ({
      ...(r() < 0.8
        ? { [key]: Array.from({ length: 1 + Math.floor(r() * 2) }, peer) }
        : {}),
      ...(r() < 0.6 ? { ports: ports() } : {}),
    }));
  const policies: NetworkPolicySnapshot[] = Array.from(
    { length: 8 },
    (_, i) => {
      const types = pick<string[] | undefined>([
        undefined,
        ['Ingress'],
        ['Egress'],
        ['Ingress', 'Egress'],
      ]);
      return netpol(pick(nsNames), `np${i}`, {
        podSelector: selector(),
        ...(types ? { policyTypes: types } : {}),
        ...(r() < 0.7 ? { ingress: rules('from') } : {}),
        ...(r() < 0.6 ? { egress: rules('to') } : {}),
      });
    },
  );
  return snapshot({ namespaces, pods, networkPolicies: policies });
}

function bruteForceFromOtherNamespaces(
  shapes: PodShape[],
  target: PodShape,
): boolean {
  return shapes.some(
    s =>
      s.namespace !== target.namespace &&
      portsIntersect(
        egressAllowance(s, { kind: 'pod', shape: target }).allowed,
        ingressAllowance(target, { kind: 'pod', shape: s }).allowed,
      ),
  );
}

function bruteForceFromOutside(target: PodShape): boolean {
  return SAMPLE_IPS.some(
    ip => !isEmptyPortSet(ingressAllowance(target, { kind: 'ip', ip }).allowed),
  );
}

describe('workload reach summary equals the pairwise definition', () => {
  it('the random clusters exercise both answers', () => {
    const counts = { other: [0, 0], outside: [0, 0] };
    for (let seed = 1; seed <= 300; seed++) {
      const index = buildClusterIndex(randomCluster(seed));
      const analyzer = new ReachAnalyzer(index);
      for (const t of index.shapes) {
        counts.other[analyzer.fromOtherNamespaces(t) ? 1 : 0]++;
        counts.outside[analyzer.fromOutsideCluster(t) ? 1 : 0]++;
      }
    }
    for (const [no, yes] of Object.values(counts)) {
      expect(Math.min(no, yes) / (no + yes)).toBeGreaterThan(0.1);
    }
  });

  it.each(Array.from({ length: 300 }, (_, i) => i + 1))(
    'random cluster %i',
    seed => {
      const index = buildClusterIndex(randomCluster(seed));
      const analyzer = new ReachAnalyzer(index);
      for (const target of index.shapes) {
        expect([
          target.namespace,
          target.labelsKey,
          analyzer.fromOtherNamespaces(target),
        ]).toEqual([
          target.namespace,
          target.labelsKey,
          bruteForceFromOtherNamespaces(index.shapes, target),
        ]);
        expect(analyzer.fromOutsideCluster(target)).toBe(
          bruteForceFromOutside(target),
        );
      }
    },
  );
});
