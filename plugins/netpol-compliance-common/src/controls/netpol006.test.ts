import { evaluateCluster } from '../engine/evaluateCluster';
import {
  missing,
  netpol,
  ns,
  pod,
  result,
  snapshot,
} from '../testing/builders';
import type { NetworkPolicySpec } from '../snapshot/types';

const base = {
  namespaces: [ns('shop')],
  pods: [pod('shop', 'web', { app: 'web' })],
};

const flagged: Array<[string, NetworkPolicySpec, string]> = [
  [
    'an empty ingress rule',
    { podSelector: {}, ingress: [{}] },
    'shop/p: ingress rule 1 allows all sources',
  ],
  [
    'an empty egress rule',
    { podSelector: {}, policyTypes: ['Egress'], egress: [{}] },
    'shop/p: egress rule 1 allows all destinations',
  ],
  [
    'a rule with ports but no peers',
    {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
    },
    'shop/p: egress rule 1 allows all destinations on UDP/53',
  ],
  [
    'namespaceSelector {}',
    { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] },
    'shop/p: ingress rule 1 peer 1 allows every pod in every namespace',
  ],
  [
    'namespaceSelector {} with podSelector {}',
    {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }],
    },
    'shop/p: ingress rule 1 peer 1 allows every pod in every namespace',
  ],
  [
    'namespaceSelector {} with a podSelector',
    {
      podSelector: {},
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { app: 'x' } } },
            {
              namespaceSelector: {},
              podSelector: { matchLabels: { role: 'scraper' } },
            },
          ],
        },
      ],
    },
    'shop/p: ingress rule 1 peer 2 allows pods role=scraper in every namespace',
  ],
  [
    '0.0.0.0/0',
    {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    },
    'shop/p: egress rule 1 peer 1 allows every IPv4 address (0.0.0.0/0)',
  ],
  [
    '::/0',
    {
      podSelector: {},
      ingress: [
        { from: [{ ipBlock: { cidr: '::/0' } }], ports: [{ port: 443 }] },
      ],
    },
    'shop/p: ingress rule 1 peer 1 allows every IPv6 address (::/0) on TCP/443',
  ],
];

const clean: Array<[string, NetworkPolicySpec]> = [
  ['a default deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }],
  [
    'podSelector {}: the same namespace only',
    { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] },
  ],
  [
    '0.0.0.0/0 with except',
    {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] },
      ],
    },
  ],
  [
    'a namespace by label',
    {
      podSelector: {},
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] },
      ],
    },
  ],
  [
    'allow-all ingress rules ignored by policyTypes',
    { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] },
  ],
];

describe('NETPOL-006 no allow-all rule', () => {
  it.each(flagged)('warns on %s', (_n, spec, text) => {
    const r = result(
      evaluateCluster(
        snapshot({ ...base, networkPolicies: [netpol('shop', 'p', spec)] }),
      ),
      'shop',
      'NETPOL-006',
    );
    expect(r.status).toBe('warning');
    expect(r.evidence.notes).toEqual([text]);
    expect(r.evidence.policies).toEqual([
      { kind: 'NetworkPolicy', namespace: 'shop', name: 'p' },
    ]);
    expect(r.evidence.rules?.[0].text).toBe(text);
  });

  it.each(clean)('passes %s', (_n, spec) => {
    const r = result(
      evaluateCluster(
        snapshot({ ...base, networkPolicies: [netpol('shop', 'p', spec)] }),
      ),
      'shop',
      'NETPOL-006',
    );
    expect(r.status).toBe('pass');
  });

  it('names the policy and the rule', () => {
    const r = result(
      evaluateCluster(
        snapshot({
          ...base,
          networkPolicies: [
            netpol('shop', 'default-deny', {
              podSelector: {},
              policyTypes: ['Ingress', 'Egress'],
            }),
            netpol('shop', 'allow-all-egress', {
              podSelector: {},
              policyTypes: ['Egress'],
              egress: [{}],
            }),
          ],
        }),
      ),
      'shop',
      'NETPOL-006',
    );
    expect(r.evidence.notes).toContain(
      'shop/allow-all-egress: egress rule 1 allows all destinations',
    );
    expect(r.evidence.rules?.[0]).toMatchObject({
      direction: 'egress',
      rule: 1,
      policy: { name: 'allow-all-egress' },
    });
    expect(r.reason).toMatch(/1 policy re-opens traffic/);
  });

  it('is not applicable without policies and unknown when they could not be read', () => {
    expect(
      result(evaluateCluster(snapshot(base)), 'shop', 'NETPOL-006').status,
    ).toBe('not-applicable');
    expect(
      result(
        evaluateCluster(
          snapshot({
            ...base,
            missing: [missing('networkpolicies', 'forbidden')],
          }),
        ),
        'shop',
        'NETPOL-006',
      ).status,
    ).toBe('unknown');
  });
});
