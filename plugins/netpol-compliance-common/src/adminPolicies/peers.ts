/**
 * Subjects and peers of the network-policy API kinds in the policy model.
 *
 * - `namespaces`: every pod of the namespaces the selector matches;
 * - `pods`: pods matching `podSelector` in namespaces matching
 *   `namespaceSelector` (absent or `{}`: every namespace);
 * - egress `networks`: CIDRs, matched against the destination address,
 *   including pod addresses ("cluster-internal traffic will be checked
 *   against the rule as well");
 * - egress `nodes` and `domainNames`: node addresses and DNS answers are not
 *   in a snapshot, so they match nothing here and the policy says so.
 *
 * Host-networked pods are in no subject and no `namespaces`/`pods` peer.
 */
import type { LabelSelector } from '../snapshot/types';
import {
  compileLabelSelector,
  formatLabelSelector,
  KeyedSelector,
  memoise,
} from '../selectors/labelSelector';
import {
  CompiledIpBlock,
  ipBlockContains,
  parseCidr,
} from '../semantics/ipBlock';
import type { ModelContext, ModelPeer, ModelPod } from '../policyModel/types';

type Obj = Record<string, any>;

function selector(sel: unknown): KeyedSelector {
  return memoise(compileLabelSelector((sel ?? {}) as LabelSelector));
}

/** A subject or pod peer: which pods it means. */
export interface PodMatcher {
  text: string;
  matches(pod: ModelPod): boolean;
  /** Both selectors select everything (or the namespaces' by meaning). */
  everyone(ctx: ModelContext): string | undefined;
}

/** `{namespaces}` or `{pods}` (subject, ingress peer, egress pod peer). */
export function podMatcher(value: Obj): PodMatcher {
  const byNamespace =
    value.namespaces !== undefined && value.namespaces !== null;
  const nsRaw = byNamespace ? value.namespaces : value.pods?.namespaceSelector;
  const podRaw = byNamespace ? undefined : value.pods?.podSelector;
  const ns = selector(nsRaw);
  const pods = selector(podRaw);
  const nsText = formatLabelSelector(nsRaw as LabelSelector);
  const text = byNamespace
    ? `pods in namespaces ${nsText}`
    : `pods ${formatLabelSelector(
        podRaw as LabelSelector,
      )} in namespaces ${nsText}`;
  return {
    text,
    matches(pod) {
      if (pod.hostNetwork) return false;
      return (
        ns.matchesKeyed(pod.namespaceLabels, pod.podView.namespaceKey) &&
        pods.matchesKeyed(pod.labels, pod.podView.labelsKey)
      );
    },
    everyone(ctx) {
      if (!ns.selectsAll && !ctx.everyNamespace(l => ns.matches(l), ns.key))
        return undefined;
      return pods.selectsAll
        ? 'every pod in every namespace'
        : `pods ${formatLabelSelector(
            podRaw as LabelSelector,
          )} in every namespace`;
    },
  };
}

/** `networks` as blocks (strict CIDRs, as the CRD's isCIDR reads them). */
export function networkBlocks(networks: unknown): CompiledIpBlock[] {
  if (!Array.isArray(networks)) return [];
  return networks.flatMap(text => {
    const cidr =
      typeof text === 'string' ? parseCidr(text, { strict: true }) : undefined;
    return cidr ? [{ text, valid: true, problems: [], cidr, except: [] }] : [];
  });
}

export interface CompiledPeer {
  peer: ModelPeer;
  blocks: CompiledIpBlock[];
  /** Why it cannot be evaluated fully here, if it cannot. */
  note?: string;
  /** A pod peer (namespaces or pods): never an address outside the cluster. */
  pods?: boolean;
  /** A pod peer covering every pod of every namespace. */
  everyPod?: boolean;
}

export function compilePeer(value: Obj, ctx: ModelContext): CompiledPeer {
  if (Array.isArray(value.networks)) {
    const blocks = networkBlocks(value.networks);
    const text = `networks ${value.networks.join(', ')}`;
    return {
      blocks,
      peer: {
        text,
        matches(remote) {
          const ips = remote.kind === 'ip' ? [remote.ip] : remote.pod.ips ?? [];
          return ips.some(ip => blocks.some(b => ipBlockContains(b, ip)));
        },
        everyone() {
          const all = blocks.find(b => b.cidr![1] === 0);
          if (!all) return undefined;
          return `every ${
            all.cidr![0].kind() === 'ipv4' ? 'IPv4' : 'IPv6'
          } address (${all.text})`;
        },
      },
    };
  }
  if (value.nodes !== undefined && value.nodes !== null) {
    const text = `nodes ${formatLabelSelector(value.nodes)}`;
    return {
      blocks: [],
      note: `${text}: node addresses are not in the snapshot, so this peer matches nothing here`,
      peer: { text, matches: () => false },
    };
  }
  if (Array.isArray(value.domainNames)) {
    const text = `domain names ${value.domainNames.join(', ')}`;
    return {
      blocks: [],
      note: `${text}: DNS answers are not in the snapshot, so this peer matches nothing here`,
      peer: { text, matches: () => false },
    };
  }
  const m = podMatcher(value);
  return {
    blocks: [],
    pods: true,
    everyPod: m.everyone(ctx) === 'every pod in every namespace',
    peer: {
      text: m.text,
      matches: remote => remote.kind === 'pod' && m.matches(remote.pod),
      everyone: () => m.everyone(ctx),
    },
  };
}
