/**
 * What one side of a connection allows: the ports a pod accepts from a
 * peer (ingress), or may send to it (egress), decided by the policy model
 * over every kind and tier (policyModel/evaluate.ts). For NetworkPolicies
 * alone this is the classic reading: the union of the matching rules of
 * every policy selecting the pod for that direction; a pod no policy
 * isolates is open.
 */
import type { PodShape } from '../engine/clusterIndex';
import { evaluateDirection } from '../policyModel/evaluate';
import type {
  ModelDecision,
  ModelDirection,
  ModelRemote,
} from '../policyModel/types';

/** The other end, as a rule sees it. */
export type RemoteEnd =
  | { kind: 'pod'; shape: PodShape }
  | { kind: 'ip'; ip: string };

export type SideAllowance = ModelDecision & {
  /** Some policy other than a NetworkPolicy selects the pod (any tier). */
  otherKinds: boolean;
};

function toRemote(end: RemoteEnd): ModelRemote {
  return end.kind === 'pod'
    ? { kind: 'pod', pod: end.shape }
    : { kind: 'ip', ip: end.ip };
}

function side(
  shape: PodShape,
  direction: ModelDirection,
  remote: RemoteEnd,
): SideAllowance {
  const set = shape.model;
  return {
    ...evaluateDirection(set, direction, shape, toRemote(remote)),
    otherKinds:
      set.admin.length + set.baseline.length > 0 ||
      set.namespace.some(p => p.ref.kind !== 'NetworkPolicy'),
  };
}

/** What `destination`'s ingress side accepts from `source`. */
export function ingressAllowance(
  destination: PodShape,
  source: RemoteEnd,
): SideAllowance {
  return side(destination, 'ingress', source);
}

/** What `source`'s egress side lets it send to `destination` (named ports resolved on the destination pod). */
export function egressAllowance(
  source: PodShape,
  destination: RemoteEnd,
): SideAllowance {
  return side(source, 'egress', destination);
}
