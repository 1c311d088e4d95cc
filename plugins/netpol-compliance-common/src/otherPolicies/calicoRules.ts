/**
 * Calico rules (projectcalico.org/v3 `ingress`/`egress` entries): an
 * `action` (Allow, Deny, Pass, Log), a `protocol`, and the entity rules
 * `source` and `destination`. For ingress the peer is the source and the
 * ports are the destination's; for egress the peer is the destination.
 * An entity rule's fields are ANDed:
 * - `selector` over the endpoint's labels (with Calico's own); in a
 *   namespaced policy without `namespaceSelector` it only selects pods of
 *   the policy's namespace; `notSelector` excludes;
 * - `namespaceSelector` over the namespace's labels and
 *   `projectcalico.org/name`;
 * - `serviceAccounts.names` / `.selector` over the pod's service account;
 * - `nets` / `notNets`: addresses (pod addresses are not in the snapshot's
 *   pod shapes, so nets are matched against outside addresses only).
 * An entity rule with none of these admits every peer.
 * The subject-side entity rule (destination for ingress, source for
 * egress) narrows which selected pods the rule applies to.
 */
import { parseCalicoSelector } from '../selectors/calicoSelector';
import type { Labels } from '../selectors/labelSelector';
import { compileIpBlock, ipBlockContains } from '../semantics/ipBlock';
import type { CompiledIpBlock } from '../semantics/ipBlock';
import { describeCompiledPorts, NO_PORTS, resolvePorts, subtractPorts } from '../semantics/ports';
import type {
  ModelAction,
  ModelContext,
  ModelDirection,
  ModelPeer,
  ModelPod,
  ModelRule,
} from '../policyModel/types';
import { calicoPorts } from '../policyModel/portList';

type Matcher = (labels: Labels) => boolean;

const ACTIONS: Record<string, ModelAction> = {
  Allow: 'allow',
  Deny: 'deny',
  Pass: 'pass',
  Log: 'log',
};

function selector(text: unknown, where: string, problems: string[]): Matcher | undefined {
  if (typeof text !== 'string') return undefined;
  const parsed = parseCalicoSelector(text);
  if (parsed.ok) return parsed.matches;
  problems.push(`${where}: ${parsed.error}; it matches nothing`);
  return () => false;
}

function nsLabels(pod: ModelPod): Labels {
  return { ...pod.namespaceLabels, 'projectcalico.org/name': pod.namespace };
}

/** A pod matcher for an entity rule; undefined when it names no pod condition. */
function podCondition(
  entity: Record<string, any>,
  namespace: string | undefined,
  where: string,
  problems: string[],
): ((pod: ModelPod) => boolean) | undefined {
  const sel = selector(entity.selector, `${where}.selector`, problems);
  const notSel = selector(entity.notSelector, `${where}.notSelector`, problems);
  const nsSel = selector(entity.namespaceSelector, `${where}.namespaceSelector`, problems);
  const sa = entity.serviceAccounts as { names?: unknown; selector?: unknown } | undefined;
  const saNames = Array.isArray(sa?.names) ? new Set(sa!.names.map(String)) : undefined;
  const saSel = selector(sa?.selector, `${where}.serviceAccounts.selector`, problems);
  if (saSel) problems.push(`${where}.serviceAccounts.selector: service account labels are not read; only projectcalico.org/name (the account's name) is known`);
  if (!sel && !notSel && !nsSel && !saNames && !saSel) return undefined;
  return pod => {
    if (nsSel) {
      if (!nsSel(nsLabels(pod))) return false;
    } else if (namespace !== undefined && pod.namespace !== namespace) {
      return false;
    }
    const labels = pod.endpoint.calicoLabels();
    if (sel && !sel(labels)) return false;
    if (notSel && notSel(labels)) return false;
    if (saNames && !saNames.has(pod.serviceAccount)) return false;
    if (saSel && !saSel({ 'projectcalico.org/name': pod.serviceAccount })) return false;
    return true;
  };
}

function blocks(list: unknown, where: string, problems: string[]): CompiledIpBlock[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((n, i) => {
    const b = compileIpBlock({ cidr: String(n) }, `${where}[${i}]`);
    problems.push(...b.problems);
    return b;
  });
}

function entityPeer(
  entity: Record<string, any>,
  namespace: string | undefined,
  where: string,
  problems: string[],
  ctx: ModelContext,
): { peer?: ModelPeer; nets?: CompiledIpBlock[] } {
  const pods = podCondition(entity, namespace, where, problems);
  const nets = blocks(entity.nets, `${where}.nets`, problems);
  const notNets = blocks(entity.notNets, `${where}.notNets`, problems);
  if (entity.services !== undefined)
    problems.push(`${where}.services is not evaluated; it matches nothing here`);
  if (!pods && !nets && !notNets && entity.services === undefined) return {};
  const ipOk = (ip: string) =>
    (!nets || nets.some(b => ipBlockContains(b, ip))) &&
    !(notNets ?? []).some(b => ipBlockContains(b, ip));
  const peer: ModelPeer = {
    text: `${where} ${JSON.stringify(entity)}`,
    matches: remote => {
      if (entity.services !== undefined) return false;
      if (remote.kind === 'ip') return !pods && ipOk(remote.ip);
      // Pod addresses are unknown here: nets alone never match a pod.
      return !!pods && !nets && pods(remote.pod);
    },
    everyone: () => {
      if (!pods || nets) return undefined;
      if (ctx.everyPod(pods)) return `every pod in every namespace (${where})`;
      // As a NetworkPolicy peer with `namespaceSelector: {}` and a podSelector.
      return ctx.someEverywhere(pods)
        ? `pods ${entity.selector ?? 'all()'} in every namespace (${where})`
        : undefined;
    },
  };
  return { peer, nets: notNets ? undefined : nets };
}

export function compileCalicoRules(
  rules: unknown,
  direction: ModelDirection,
  namespace: string | undefined,
  problems: string[],
  ctx: ModelContext,
): { rules: ModelRule[]; subject: Map<ModelRule, (pod: ModelPod) => boolean> } {
  const subject = new Map<ModelRule, (pod: ModelPod) => boolean>();
  if (!Array.isArray(rules)) return { rules: [], subject };
  const out = rules.map((raw, i): ModelRule => {
    const rule = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
    const where = `${direction}[${i}]`;
    const action = ACTIONS[String(rule.action)];
    if (!action) problems.push(`${where}: unknown action "${rule.action}" (Allow, Deny, Pass or Log); the rule matches nothing`);
    const peerSide = (direction === 'ingress' ? rule.source : rule.destination) ?? {};
    const ownSide = (direction === 'ingress' ? rule.destination : rule.source) ?? {};
    const { peer, nets } = entityPeer(peerSide, namespace, `${where}.${direction === 'ingress' ? 'source' : 'destination'}`, problems, ctx);
    const own = podCondition(ownSide, undefined, `${where}.${direction === 'ingress' ? 'destination' : 'source'}`, problems);
    const ports = calicoPorts(rule.protocol, rule.destination?.ports, where);
    const notPorts = Array.isArray(rule.destination?.notPorts)
      ? calicoPorts(rule.protocol, rule.destination.notPorts, where)
      : undefined;
    if (ports !== 'none') problems.push(...ports.problems);
    if (rule.notProtocol !== undefined)
      problems.push(`${where}: notProtocol is not evaluated`);
    if (rule.source?.ports !== undefined || rule.source?.notPorts !== undefined)
      problems.push(`${where}: source ports are not evaluated: the rule is read as matching any source port`);
    const modelRule: ModelRule = {
      direction,
      index: i + 1,
      action: action ?? 'log',
      allPeers: !!action && !peer,
      peers: action && peer ? [peer] : [],
      allPorts: ports !== 'none' && ports.all && !notPorts,
      ports: destination => {
        if (ports === 'none') return NO_PORTS;
        const base = resolvePorts(ports, destination);
        return notPorts && notPorts !== 'none'
          ? subtractPorts(base, resolvePorts(notPorts, destination))
          : base;
      },
      portsText:
        ports === 'none' ? `${rule.protocol} only` : describeCompiledPorts(ports),
      ...(nets ? { addressBlocks: nets } : {}),
    };
    if (own) subject.set(modelRule, own);
    return modelRule;
  });
  return { rules: out, subject };
}
