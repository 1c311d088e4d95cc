/**
 * A NetworkPolicy compiled once: selectors checked and shared, policyTypes
 * defaulted, peers and ports parsed, problems collected. Everything the
 * controls and the reachability need, without re-reading the spec.
 */
import type { NetworkPolicySnapshot } from '../snapshot/types';
import type { PolicyRef } from '../report';
import type { KeyedSelector } from '../selectors/labelSelector';
import type { CompileCache } from './compileCache';
import { CompiledPeer, compilePeer } from './peers';
import { CompiledPorts, compilePorts } from './ports';
import { Direction, effectivePolicyTypes } from './policyTypes';

export interface CompiledRule {
  direction: Direction;
  /** 1-based position in the policy's list, as people count. */
  index: number;
  /** No `from`/`to` (absent or empty): every source/destination. */
  allPeers: boolean;
  peers: CompiledPeer[];
  ports: CompiledPorts;
}

export interface CompiledPolicy {
  /** `namespace/name` */
  id: string;
  ref: PolicyRef;
  namespace: string;
  name: string;
  source: NetworkPolicySnapshot;
  podSelector: KeyedSelector;
  policyTypes: string[];
  isolatesIngress: boolean;
  isolatesEgress: boolean;
  /** Rules of the isolated directions only (rules of other directions have no effect). */
  ingress: CompiledRule[];
  egress: CompiledRule[];
  problems: string[];
}

function compileRules(
  rules: unknown,
  direction: Direction,
  cache: CompileCache,
  problems: string[],
): CompiledRule[] {
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules)) {
    problems.push(`${direction}: must be a list of rules`);
    return [];
  }
  return rules.map((rule, i) => {
    const where = `${direction} rule ${i + 1}`;
    const peersRaw = direction === 'ingress' ? rule?.from : rule?.to;
    const allPeers = !Array.isArray(peersRaw) || peersRaw.length === 0;
    const peers = allPeers
      ? []
      : peersRaw.map((p: unknown, j: number) =>
          compilePeer(p as never, cache, `${where} peer ${j + 1}`, problems),
        );
    const ports = compilePorts(rule?.ports, where);
    problems.push(...ports.problems);
    return { direction, index: i + 1, allPeers, peers, ports };
  });
}

export function compileNetworkPolicy(
  policy: NetworkPolicySnapshot,
  cache: CompileCache,
): CompiledPolicy {
  const spec = policy.spec ?? {};
  const problems: string[] = [];
  const podSelector = cache.selector(spec.podSelector ?? {}, 'podSelector');
  if (!podSelector.valid) {
    problems.push(
      ...podSelector.problems,
      'the policy selects no pod because its podSelector is invalid',
    );
  }
  const types = effectivePolicyTypes(spec);
  problems.push(...types.problems);
  const ingress = types.ingress
    ? compileRules(spec.ingress, 'ingress', cache, problems)
    : [];
  const egress = types.egress
    ? compileRules(spec.egress, 'egress', cache, problems)
    : [];
  return {
    id: `${policy.namespace}/${policy.name}`,
    ref: {
      kind: 'NetworkPolicy',
      namespace: policy.namespace,
      name: policy.name,
    },
    namespace: policy.namespace,
    name: policy.name,
    source: policy,
    podSelector,
    policyTypes: types.policyTypes,
    isolatesIngress: types.ingress,
    isolatesEgress: types.egress,
    ingress,
    egress,
    problems,
  };
}
