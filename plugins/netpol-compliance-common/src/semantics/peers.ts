/**
 * NetworkPolicy peers (`from` / `to` entries). One peer is one of:
 * - `podSelector` only: pods of the policy's own namespace;
 * - `namespaceSelector` only: every pod of the matching namespaces;
 * - both in the same peer: pods matching podSelector IN namespaces matching
 *   namespaceSelector (AND). Two separate peers are ORed: the classic
 *   mistake is one dash too many, which turns an AND into an OR;
 * - `ipBlock`: addresses, never pods selected by labels.
 * `{}` for a selector means "all"; an absent podSelector next to a
 * namespaceSelector also means all pods of those namespaces.
 */
import type { NetworkPolicyPeer } from '../snapshot/types';
import {
  formatLabelSelector,
  KeyedSelector,
  Labels,
} from '../selectors/labelSelector';
import type { CompileCache } from './compileCache';
import { CompiledIpBlock, ipBlockContains } from './ipBlock';

export type CompiledPeer =
  | {
      type: 'pods';
      /** Matches pod labels (a selector with no requirement when absent). */
      podSelector: KeyedSelector;
      /** The podSelector in kubectl syntax (`(all)` when absent or empty). */
      podSelectorText: string;
      /** Matches namespace labels; undefined: the policy's own namespace. */
      namespaceSelector?: KeyedSelector;
      valid: boolean;
      text: string;
    }
  | { type: 'ipBlock'; block: CompiledIpBlock; valid: boolean; text: string }
  | { type: 'invalid'; valid: false; text: string };

export function compilePeer(
  peer: NetworkPolicyPeer,
  cache: CompileCache,
  where: string,
  problems: string[],
): CompiledPeer {
  if (!peer || typeof peer !== 'object') {
    problems.push(`${where}: not an object`);
    return { type: 'invalid', valid: false, text: 'invalid peer' };
  }
  const hasPod = peer.podSelector !== undefined && peer.podSelector !== null;
  const hasNs =
    peer.namespaceSelector !== undefined && peer.namespaceSelector !== null;
  const hasIp = peer.ipBlock !== undefined && peer.ipBlock !== null;
  if (hasIp) {
    if (hasPod || hasNs) {
      problems.push(
        `${where}: ipBlock cannot be combined with podSelector or namespaceSelector`,
      );
      return {
        type: 'invalid',
        valid: false,
        text: 'invalid peer (ipBlock with selectors)',
      };
    }
    const block = cache.ipBlock(peer.ipBlock!, `${where} ipBlock`);
    problems.push(...block.problems);
    return {
      type: 'ipBlock',
      block,
      valid: block.valid,
      text: `ipBlock ${block.text}`,
    };
  }
  if (!hasPod && !hasNs) {
    // The API server rejects an empty peer; it selects nothing here.
    problems.push(
      `${where}: empty peer (needs podSelector, namespaceSelector or ipBlock)`,
    );
    return { type: 'invalid', valid: false, text: 'empty peer' };
  }
  const podSelector = cache.selector(
    peer.podSelector ?? {},
    `${where} podSelector`,
  );
  const namespaceSelector = hasNs
    ? cache.selector(peer.namespaceSelector, `${where} namespaceSelector`)
    : undefined;
  problems.push(
    ...podSelector.problems,
    ...(namespaceSelector?.problems ?? []),
  );
  const valid = podSelector.valid && (namespaceSelector?.valid ?? true);
  const podText = hasPod
    ? `pods ${formatLabelSelector(peer.podSelector)}`
    : 'all pods';
  const text = hasNs
    ? `${podText} in namespaces ${formatLabelSelector(peer.namespaceSelector)}`
    : `pods ${formatLabelSelector(peer.podSelector)} in the policy's namespace`;
  return {
    type: 'pods',
    podSelector,
    podSelectorText: formatLabelSelector(peer.podSelector),
    namespaceSelector,
    valid,
    text,
  };
}

/** A pod as a peer sees it. */
export interface PodView {
  namespace: string;
  /** Memo key of the namespace for namespace selectors (`\u0002` + name). */
  namespaceKey: string;
  namespaceLabels: Labels;
  labels: Labels;
  /** `labelsKey(labels)`, for the selector memo. */
  labelsKey: string;
}

/** Whether a peer of a policy in `policyNamespace` matches the pod. */
export function peerMatchesPod(
  peer: CompiledPeer,
  policyNamespace: string,
  pod: PodView,
): boolean {
  if (peer.type !== 'pods' || !peer.valid) return false;
  if (peer.namespaceSelector) {
    if (
      !peer.namespaceSelector.matchesKeyed(
        pod.namespaceLabels,
        pod.namespaceKey,
      )
    ) {
      return false;
    }
  } else if (pod.namespace !== policyNamespace) {
    return false;
  }
  return peer.podSelector.matchesKeyed(pod.labels, pod.labelsKey);
}

export function peerMatchesIp(peer: CompiledPeer, ip: string): boolean {
  return peer.type === 'ipBlock' && ipBlockContains(peer.block, ip);
}
