/**
 * Generated policies: every valid one is accepted, and every one made
 * invalid in a way the API server rejects is refused, whatever else it
 * holds and wherever the fault sits; the snapshot never counts it.
 */
import fc from 'fast-check';
import { buildClusterSnapshot } from '../snapshot/buildClusterSnapshot';
import { validateObject } from './validateObject';

const labelKey = fc.constantFrom(
  'app',
  'tier',
  'team',
  'app.kubernetes.io/name',
  'kubernetes.io/metadata.name',
);
const labelValue = fc.constantFrom('web', 'api', 'db', 'shop', 'a.b-c_d', '');
const nonEmptyValue = fc.constantFrom('web', 'api', 'db', 'shop');

const requirement = fc.oneof(
  fc.record({
    key: labelKey,
    operator: fc.constantFrom('In', 'NotIn'),
    values: fc.array(nonEmptyValue, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    key: labelKey,
    operator: fc.constantFrom('Exists', 'DoesNotExist'),
  }),
);

const selector = fc.record(
  {
    matchLabels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }),
    matchExpressions: fc.array(requirement, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

// A block and one exception strictly inside it.
const ipBlock = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 24 }))
  .map(([octet, bits]) => ({
    cidr: `${octet}.0.0.0/${bits}`,
    except: [`${octet}.0.${bits >= 16 ? 0 : 1}.0/${Math.max(bits + 1, 25)}`],
  }));

const peer = fc.oneof(
  ipBlock.map(b => ({ ipBlock: b })),
  selector.map(s => ({ podSelector: s })),
  selector.map(s => ({ namespaceSelector: s })),
  fc.tuple(selector, selector).map(([p, n]) => ({
    podSelector: p,
    namespaceSelector: n,
  })),
);

const port = fc.oneof(
  fc.record(
    {
      protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
      port: fc.integer({ min: 1, max: 60000 }),
    },
    { requiredKeys: ['port'] },
  ),
  fc.integer({ min: 1, max: 60000 }).map(p => ({ port: p, endPort: p + 10 })),
  fc.constantFrom('http', 'metrics', 'grpc-web').map(name => ({ port: name })),
  fc.constant({ protocol: 'UDP' }),
);

const rule = (peers: 'from' | 'to') =>
  fc.record(
    {
      [peers]: fc.array(peer, { maxLength: 3 }),
      ports: fc.array(port, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

const policy = fc
  .record(
    {
      podSelector: selector,
      policyTypes: fc.subarray(['Ingress', 'Egress']),
      ingress: fc.array(rule('from'), { maxLength: 3 }),
      egress: fc.array(rule('to'), { maxLength: 3 }),
    },
    { requiredKeys: ['podSelector'] },
  )
  .map(spec => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace: 'shop' },
    spec,
  }));

type Policy = Record<string, any>;

/** Puts a rule with the bad part into a random direction of the policy. */
function withRule(p: Policy, direction: 'ingress' | 'egress', r: Policy) {
  const copy = JSON.parse(JSON.stringify(p));
  (copy.spec[direction] ??= []).push(r);
  return copy;
}

const peerKey = (d: 'ingress' | 'egress') => (d === 'ingress' ? 'from' : 'to');

const MUTATIONS: Array<
  [string, (p: Policy, d: 'ingress' | 'egress') => Policy]
> = [
  ['an empty peer', (p, d) => withRule(p, d, { [peerKey(d)]: [{}] })],
  [
    'cidr /33',
    (p, d) =>
      withRule(p, d, { [peerKey(d)]: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }),
  ],
  [
    'cidr 10/8',
    (p, d) => withRule(p, d, { [peerKey(d)]: [{ ipBlock: { cidr: '10/8' } }] }),
  ],
  [
    'a hex cidr',
    (p, d) =>
      withRule(p, d, { [peerKey(d)]: [{ ipBlock: { cidr: '0x0a.0.0.0/8' } }] }),
  ],
  [
    'an except outside',
    (p, d) =>
      withRule(p, d, {
        [peerKey(d)]: [
          { ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } },
        ],
      }),
  ],
  [
    'operator Equals',
    (p, d) =>
      withRule(p, d, {
        [peerKey(d)]: [
          {
            podSelector: {
              matchExpressions: [
                { key: 'app', operator: 'Equals', values: ['x'] },
              ],
            },
          },
        ],
      }),
  ],
  ['port 0', (p, d) => withRule(p, d, { ports: [{ port: 0 }] })],
  [
    'protocol ICMP',
    (p, d) => withRule(p, d, { ports: [{ protocol: 'ICMP' }] }),
  ],
  [
    'endPort below port',
    (p, d) => withRule(p, d, { ports: [{ port: 90, endPort: 80 }] }),
  ],
  [
    'an unknown rule field',
    (p, d) => withRule(p, d, { [`${peerKey(d)}s`]: [] }),
  ],
  ['apiVersion v1', p => ({ ...p, apiVersion: 'v1' })],
  ['spec.podselector', p => ({ ...p, spec: { ...p.spec, podselector: {} } })],
  [
    'a bad policyType',
    p => ({ ...p, spec: { ...p.spec, policyTypes: ['Ingres'] } }),
  ],
];

describe('generated NetworkPolicies', () => {
  it('accepts every valid one', () => {
    fc.assert(
      fc.property(policy, p => {
        expect(validateObject(p.kind, p.apiVersion, p)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(MUTATIONS)(
    'refuses every one with %s, and the snapshot never counts it',
    (_name, mutate) => {
      fc.assert(
        fc.property(
          policy,
          fc.constantFrom<'ingress' | 'egress'>('ingress', 'egress'),
          (p, d) => {
            const bad = mutate(p, d);
            expect(
              validateObject(bad.kind, bad.apiVersion, bad).length,
            ).toBeGreaterThan(0);
            const { snapshot } = buildClusterSnapshot({
              cluster: { name: 'c' },
              collectedAt: '2026-01-01T00:00:00Z',
              objects: [bad],
            });
            expect(snapshot.networkPolicies).toEqual([]);
            expect(snapshot.invalidObjects).toHaveLength(1);
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});
