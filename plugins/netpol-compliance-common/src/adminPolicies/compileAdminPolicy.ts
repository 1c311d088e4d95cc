/**
 * An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy
 * in the policy model, with the semantics of kubernetes-sigs/network-policy-api:
 *
 * - ANP: admin tier, `priority` 0-1000 (lower first), rules in order, first
 *   match: Allow and Deny are final, Pass hands the traffic to the
 *   NetworkPolicy tier (and, if no NetworkPolicy selects the pod, to the
 *   baseline);
 * - BANP (the singleton `default`): baseline tier, after NetworkPolicies,
 *   Allow or Deny; what it does not match is allowed;
 * - CNP (v1alpha2): `tier` Admin or Baseline, priority within its tier,
 *   Accept (allow), Deny, Pass (to the next tier).
 *
 * Admin and baseline policies never isolate by being selected: traffic no
 * rule matches falls through to the next tier. Their ingress peers name
 * namespaces and pods only, so no ingress rule of theirs matches a source
 * outside the cluster (a node's host-network traffic, a load balancer, an
 * external address): `from: [{namespaces: {}}]` denies every pod, not
 * everyone. An egress rule matches every destination only when its
 * `networks` cover both address families.
 */
import type { AdminPolicySnapshot } from '../snapshot/types';
import { familiesCovered } from '../semantics/ipUnion';
import type {
  ModelAction,
  ModelContext,
  ModelDirection,
  ModelPolicy,
  ModelRule,
  ModelTier,
} from '../policyModel/types';
import { compilePeer, podMatcher } from './peers';
import { compileRulePorts } from './ports';

type Obj = Record<string, any>;

const ACTIONS: Record<string, ModelAction> = {
  Allow: 'allow',
  Accept: 'allow',
  Deny: 'deny',
  Pass: 'pass',
};

/** A rule of the admin kinds, with the name written in the policy (`deny-to-db`). */
export type AdminModelRule = ModelRule & { name?: string };

function tierOf(policy: AdminPolicySnapshot, spec: Obj): ModelTier {
  if (policy.kind === 'AdminNetworkPolicy') return 'admin';
  if (policy.kind === 'BaselineAdminNetworkPolicy') return 'baseline';
  return spec.tier === 'Baseline' ? 'baseline' : 'admin';
}

function compileRule(
  raw: Obj,
  index: number,
  direction: ModelDirection,
  v1alpha2: boolean,
  ctx: ModelContext,
  notes: string[],
): AdminModelRule {
  const peers = (
    Array.isArray(raw[direction === 'ingress' ? 'from' : 'to'])
      ? raw[direction === 'ingress' ? 'from' : 'to']
      : []
  ).map((p: Obj) => compilePeer(p, ctx));
  const blocks = peers.flatMap((p: ReturnType<typeof compilePeer>) => p.blocks);
  const ports = compileRulePorts(
    v1alpha2 ? raw.protocols : raw.ports,
    v1alpha2,
  );
  for (const p of peers)
    if (p.note) notes.push(`${direction} rule ${index}: ${p.note}`);
  // networks covering both families match every destination, pods included:
  // the only way a rule of these kinds matches every peer (their ingress
  // peers name pods only, never a source outside the cluster).
  const everyAddress = familiesCovered(blocks).length === 2;
  const everyPod = peers.some(
    (p: ReturnType<typeof compilePeer>) => p.everyPod,
  );
  return {
    direction,
    index,
    action: ACTIONS[raw.action] ?? 'deny',
    allPeers: everyAddress,
    peers: peers.map((p: ReturnType<typeof compilePeer>) => p.peer),
    allPorts: ports.all,
    ports: ports.ports,
    portsText: ports.text,
    ...(blocks.length ? { addressBlocks: blocks } : {}),
    ...(typeof raw.name === 'string' && raw.name ? { name: raw.name } : {}),
    // Every pod, but not every address: a deny of every pod leaves the
    // addresses outside the cluster to the next tier.
    ...(everyPod && !everyAddress ? { everyPodOnly: true } : {}),
    ...(peers.length && peers.every((p: ReturnType<typeof compilePeer>) => p.pods)
      ? { podPeersOnly: true }
      : {}),
  };
}

/** Compiles a policy already validated (`validateAdminPolicy` returned nothing). */
export function compileAdminPolicy(
  policy: AdminPolicySnapshot,
  ctx: ModelContext,
): ModelPolicy {
  const spec = (policy.spec ?? {}) as Obj;
  const v1alpha2 = policy.kind === 'ClusterNetworkPolicy';
  const tier = tierOf(policy, spec);
  const subject = podMatcher(spec.subject ?? {});
  const notes: string[] = [];
  const rules = (direction: ModelDirection) =>
    (Array.isArray(spec[direction]) ? spec[direction] : []).map(
      (r: Obj, i: number) =>
        compileRule(r, i + 1, direction, v1alpha2, ctx, notes),
    );
  const priority = typeof spec.priority === 'number' ? spec.priority : 0;
  return {
    id: `${policy.kind} ${policy.name}`,
    label: `${policy.kind} ${policy.name}`,
    ref: { kind: policy.kind, name: policy.name },
    tier,
    order: policy.kind === 'BaselineAdminNetworkPolicy' ? 0 : priority,
    selects: pod => subject.matches(pod),
    isolates: { ingress: false, egress: false },
    rules: { ingress: rules('ingress'), egress: rules('egress') },
    problems: notes,
  };
}
