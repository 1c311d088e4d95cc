/**
 * Generated AdminNetworkPolicy, BaselineAdminNetworkPolicy and
 * ClusterNetworkPolicy objects for the oracle: written as a platform team
 * writes them (the API's own peers, actions, ports and tiers), so that the
 * oracle reads them through validation and the compiler, as a scan does.
 * Every object generated is valid: the generator asserts it.
 */
import fc from 'fast-check';
import type { AdminPolicySnapshot } from '../../snapshot/types';
import { validateAdminPolicy } from '../../adminPolicies/validateAdminPolicy';

const V1 = 'policy.networking.k8s.io/v1alpha1';
const V2 = 'policy.networking.k8s.io/v1alpha2';

type Obj = Record<string, unknown>;

/** Peers naming pods: all an ingress rule of these kinds can name. */
function podPeers(namespaces: string[]): Obj[] {
  return [
    { namespaces: {} },
    {
      namespaces: {
        matchExpressions: [
          { key: 'kubernetes.io/metadata.name', operator: 'Exists' },
        ],
      },
    },
    ...namespaces.map(n => ({ namespaces: { matchLabels: { team: n } } })),
    { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } },
  ];
}

/** Egress adds addresses: every address of one family, of both, in halves, the pod range. */
const NETWORKS: Obj[] = [
  { networks: ['0.0.0.0/0'] },
  { networks: ['0.0.0.0/0', '::/0'] },
  { networks: ['0.0.0.0/1', '128.0.0.0/1', '::/0'] },
  { networks: ['10.0.0.0/8'] },
];

interface RuleChoice {
  action: number;
  peers: number[];
  tcp443: boolean;
}

function ruleArb(peerCount: number): fc.Arbitrary<RuleChoice> {
  return fc.record({
    action: fc.nat(2),
    peers: fc.uniqueArray(fc.nat(peerCount - 1), { minLength: 1, maxLength: 2 }),
    tcp443: fc.boolean(),
  });
}

const policyArb = (namespaces: string[]) => {
  const inPeers = podPeers(namespaces).length;
  const outPeers = inPeers + NETWORKS.length;
  return fc.record({
    subject: fc.nat(namespaces.length),
    priority: fc.nat(3),
    ingress: fc.array(ruleArb(inPeers), { maxLength: 2 }),
    egress: fc.array(ruleArb(outPeers), { maxLength: 2 }),
  });
};

type PolicyChoice = {
  subject: number;
  priority: number;
  ingress: RuleChoice[];
  egress: RuleChoice[];
};

function subjectOf(namespaces: string[], i: number): Obj {
  // One namespace by its team label, or every namespace.
  return i < namespaces.length
    ? { namespaces: { matchLabels: { team: namespaces[i] } } }
    : { namespaces: {} };
}

function rules(
  choices: RuleChoice[],
  peers: Obj[],
  direction: 'from' | 'to',
  actions: string[],
  v1alpha2: boolean,
): Obj[] {
  const tcp443 = v1alpha2
    ? { protocols: [{ tcp: { destinationPort: { number: 443 } } }] }
    : { ports: [{ portNumber: { protocol: 'TCP', port: 443 } }] };
  return choices.map((c, i) => ({
    name: `r${i + 1}`,
    action: actions[c.action % actions.length],
    [direction]: c.peers.map(p => peers[p]),
    ...(c.tcp443 ? tcp443 : {}),
  }));
}

function build(
  kind: AdminPolicySnapshot['kind'],
  name: string,
  c: PolicyChoice,
  namespaces: string[],
  allowing: boolean,
  tier?: 'Admin' | 'Baseline',
): AdminPolicySnapshot {
  const v1alpha2 = kind === 'ClusterNetworkPolicy';
  const allow = v1alpha2 ? 'Accept' : 'Allow';
  // The BaselineAdminNetworkPolicy has no Pass; a ClusterNetworkPolicy has it in both tiers.
  let actions =
    kind === 'BaselineAdminNetworkPolicy' ? [allow, 'Deny'] : [allow, 'Deny', 'Pass'];
  if (!allowing) actions = actions.filter(a => a !== allow);
  const inPeers = podPeers(namespaces);
  const spec: Obj = {
    ...(tier ? { tier } : {}),
    ...(kind === 'BaselineAdminNetworkPolicy' ? {} : { priority: c.priority }),
    subject: subjectOf(namespaces, c.subject),
    ingress: rules(c.ingress, inPeers, 'from', actions, v1alpha2),
    egress: rules(c.egress, [...inPeers, ...NETWORKS], 'to', actions, v1alpha2),
  };
  const policy: AdminPolicySnapshot = {
    kind,
    apiVersion: v1alpha2 ? V2 : V1,
    name,
    spec,
  };
  const problems = validateAdminPolicy({
    apiVersion: policy.apiVersion,
    kind,
    metadata: { name },
    spec,
  });
  if (problems.length)
    throw new Error(`generated an invalid ${kind} ${name}: ${problems.join('; ')}`);
  return policy;
}

/**
 * Up to two AdminNetworkPolicies, a BaselineAdminNetworkPolicy (the
 * singleton `default`) and up to two ClusterNetworkPolicies of either tier.
 * `allowing` false keeps only the actions that allow nothing (Deny, Pass).
 */
export function adminPoliciesArb(
  namespaces: string[],
  allowing: boolean,
): fc.Arbitrary<AdminPolicySnapshot[]> {
  const one = policyArb(namespaces);
  return fc
    .record({
      anps: fc.array(one, { maxLength: 2 }),
      banp: fc.option(one, { nil: undefined }),
      cnps: fc.array(fc.tuple(one, fc.constantFrom<'Admin' | 'Baseline'>('Admin', 'Baseline')), {
        maxLength: 2,
      }),
    })
    .map(({ anps, banp, cnps }) => [
      ...anps.map((c, i) =>
        build('AdminNetworkPolicy', `anp-${i}`, c, namespaces, allowing),
      ),
      ...(banp
        ? [build('BaselineAdminNetworkPolicy', 'default', banp, namespaces, allowing)]
        : []),
      ...cnps.map(([c, tier], i) =>
        build('ClusterNetworkPolicy', `cnp-${i}`, c, namespaces, allowing, tier),
      ),
    ]);
}
