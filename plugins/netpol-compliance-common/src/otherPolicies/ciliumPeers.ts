/**
 * The peers of a Cilium rule (cilium.io/v2 `ingress`/`ingressDeny`
 * `from*`, `egress`/`egressDeny` `to*`):
 * - `fromEndpoints`/`toEndpoints`: label selectors over the endpoint's
 *   labels as Cilium sees them (namespace, namespace labels, service
 *   account). In a namespaced policy a selector that names neither
 *   `io.kubernetes.pod.namespace` nor a namespace label
 *   (`io.cilium.k8s.namespace.labels.*`) only selects pods of the policy's
 *   namespace (Cilium adds that match); in a cluster-wide one it selects
 *   pods of every namespace.
 * - `fromCIDR`/`fromCIDRSet` (`toCIDR`/`toCIDRSet`): addresses.
 * - `fromEntities`/`toEntities`: `all` (everything), `world` (outside the
 *   cluster; `world-ipv4`, `world-ipv6`), `cluster` (every endpoint of the
 *   cluster); `host`, `remote-node`, `kube-apiserver`, `health`, `init`,
 *   `ingress`, `unmanaged` are node or system identities no pod or
 *   outside address here carries.
 */
import type { LabelSelector } from '../snapshot/types';
import { compileLabelSelector } from '../selectors/labelSelector';
import { compileIpBlock, ipBlockContains } from '../semantics/ipBlock';
import type { CompiledIpBlock } from '../semantics/ipBlock';
import { parseIp } from '../semantics/ipBlock';
import type {
  ModelContext,
  ModelPeer,
  ModelPod,
  ModelRemote,
} from '../policyModel/types';
import {
  CILIUM_NAMESPACE_LABEL,
  CILIUM_NAMESPACE_LABELS_PREFIX,
} from './endpointView';

const PREFIX = /^(k8s|any):/;

export function stripPrefixes(selector: LabelSelector): LabelSelector {
  const out: LabelSelector = {};
  if (selector.matchLabels && typeof selector.matchLabels === 'object') {
    out.matchLabels = {};
    for (const [k, v] of Object.entries(selector.matchLabels)) {
      out.matchLabels[k.replace(PREFIX, '')] = v;
    }
  }
  if (Array.isArray(selector.matchExpressions)) {
    out.matchExpressions = selector.matchExpressions.map(e => ({
      ...e,
      key: typeof e?.key === 'string' ? e.key.replace(PREFIX, '') : e?.key,
    }));
  }
  return out;
}

/**
 * Whether a selector names the namespace itself (its name, or one of its
 * labels): then Cilium does not scope it to the policy's namespace.
 */
function namesNamespace(selector: LabelSelector): boolean {
  const keys = [
    ...Object.keys(selector.matchLabels ?? {}),
    ...(selector.matchExpressions ?? []).map(e => e?.key),
  ];
  return keys.some(
    k =>
      k === CILIUM_NAMESPACE_LABEL ||
      (typeof k === 'string' && k.startsWith(CILIUM_NAMESPACE_LABELS_PREFIX)),
  );
}

function endpointsPeer(
  raw: LabelSelector,
  namespace: string | undefined,
  where: string,
  problems: string[],
  ctx: ModelContext,
): ModelPeer {
  const selector = stripPrefixes(raw ?? {});
  const compiled = compileLabelSelector(selector, where);
  problems.push(...compiled.problems);
  const scoped = namespace !== undefined && !namesNamespace(selector);
  const matchesPod = (remote: ModelRemote) =>
    remote.kind === 'pod' &&
    compiled.valid &&
    (!scoped || remote.pod.namespace === namespace) &&
    compiled.matches(remote.pod.endpoint.ciliumLabels());
  const text = `endpoints ${JSON.stringify(raw ?? {})}${
    scoped ? ` in ${namespace}` : ''
  }`;
  return {
    text,
    matches: matchesPod,
    everyone: () => {
      const match = (pod: ModelPod) => matchesPod({ kind: 'pod', pod });
      if (ctx.everyPod(match)) return `every pod in every namespace (${text})`;
      // As a NetworkPolicy peer with `namespaceSelector: {}` and a podSelector.
      return ctx.someEverywhere(match) ? `${text} in every namespace` : undefined;
    },
  };
}

function cidrBlock(raw: unknown, except: unknown, where: string): CompiledIpBlock {
  const text = String(raw);
  // Cilium accepts a bare address as a single-host CIDR.
  const cidr = text.includes('/')
    ? text
    : `${text}/${parseIp(text)?.kind() === 'ipv6' ? 128 : 32}`;
  return compileIpBlock(
    { cidr, except: Array.isArray(except) ? except.map(String) : [] },
    where,
  );
}

function cidrPeer(block: CompiledIpBlock, problems: string[]): ModelPeer {
  problems.push(...block.problems);
  return {
    text: `CIDR ${block.text}`,
    matches: remote => remote.kind === 'ip' && ipBlockContains(block, remote.ip),
    everyone: () =>
      block.valid && block.cidr && block.cidr[1] === 0 && block.except.length === 0
        ? `every ${block.cidr[0].kind() === 'ipv4' ? 'IPv4' : 'IPv6'} address (CIDR ${block.text})`
        : undefined,
  };
}

const NODE_ENTITIES = new Set([
  'host',
  'remote-node',
  'kube-apiserver',
  'health',
  'init',
  'ingress',
  'unmanaged',
]);

function entityPeer(entity: string, where: string, problems: string[]): ModelPeer {
  const family = (remote: ModelRemote) =>
    remote.kind === 'ip' ? parseIp(remote.ip)?.kind() : undefined;
  const peer = (
    matches: (r: ModelRemote) => boolean,
    everyone?: string,
  ): ModelPeer => ({
    text: `entity ${entity}`,
    matches,
    ...(everyone ? { everyone: () => everyone } : {}),
  });
  switch (entity) {
    case 'all':
      return peer(() => true, 'every pod and every address (entity all)');
    case 'world':
      return peer(r => r.kind === 'ip', 'every address outside the cluster (entity world)');
    case 'world-ipv4':
      return peer(r => family(r) === 'ipv4', 'every IPv4 address outside the cluster (entity world-ipv4)');
    case 'world-ipv6':
      return peer(r => family(r) === 'ipv6', 'every IPv6 address outside the cluster (entity world-ipv6)');
    case 'cluster':
      return peer(r => r.kind === 'pod', 'every pod in every namespace (entity cluster)');
    default:
      if (!NODE_ENTITIES.has(entity))
        problems.push(`${where}: unknown entity "${entity}"`);
      return peer(() => false);
  }
}

/** The peers of one Cilium rule; `allPeers` when it names none (L4-only rule). */
export function ciliumPeers(
  rule: Record<string, any>,
  direction: 'ingress' | 'egress',
  namespace: string | undefined,
  where: string,
  problems: string[],
  ctx: ModelContext,
): { allPeers: boolean; peers: ModelPeer[]; blocks: CompiledIpBlock[] } {
  const f = direction === 'ingress' ? 'from' : 'to';
  const peers: ModelPeer[] = [];
  const blocks: CompiledIpBlock[] = [];
  let named = false;
  const list = (key: string): unknown[] | undefined => {
    const v = rule[`${f}${key}`];
    if (v === undefined || v === null) return undefined;
    named = true;
    return Array.isArray(v) ? v : [];
  };
  list('Endpoints')?.forEach((s, i) =>
    peers.push(endpointsPeer(s as LabelSelector, namespace, `${where}.${f}Endpoints[${i}]`, problems, ctx)),
  );
  list('CIDR')?.forEach((c, i) => {
    const block = cidrBlock(c, undefined, `${where}.${f}CIDR[${i}]`);
    blocks.push(block);
    peers.push(cidrPeer(block, problems));
  });
  list('CIDRSet')?.forEach((c, i) => {
    const entry = (c ?? {}) as Record<string, unknown>;
    if (entry.cidrGroupRef !== undefined && entry.cidr === undefined) {
      problems.push(`${where}.${f}CIDRSet[${i}]: cidrGroupRef is not read; it matches nothing here`);
      return;
    }
    const block = cidrBlock(entry.cidr, entry.except, `${where}.${f}CIDRSet[${i}]`);
    blocks.push(block);
    peers.push(cidrPeer(block, problems));
  });
  list('Entities')?.forEach((e, i) =>
    peers.push(entityPeer(String(e), `${where}.${f}Entities[${i}]`, problems)),
  );
  for (const key of ['Requires', 'Groups', 'Nodes', 'FQDNs', 'Services']) {
    if (list(key) !== undefined)
      problems.push(`${where}: ${f}${key} is not evaluated; it matches nothing here`);
  }
  return { allPeers: !named, peers, blocks };
}
