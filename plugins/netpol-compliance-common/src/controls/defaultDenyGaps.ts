/**
 * Why NETPOL-004/005 fail where a pod looks half closed, for the reason:
 * an admin or baseline Deny of every pod leaves the addresses outside the
 * cluster allowed (the network-policy API's ingress peers cannot name
 * them; egress needs `networks` for every address), and an admin Allow of
 * every pod lets the cluster in (or out) whatever the namespace's own
 * default deny says.
 */
import type { Direction } from '../semantics/policyTypes';
import type { ModelPod, ModelPolicy, ModelPolicySet } from '../policyModel/types';
import {
  adminOpensPods,
  adminOpensPodsText,
  podOnlyDenies,
  podOnlyDenyText,
  podOnlyPolicies,
} from '../policyModel/podOnlyDenies';
import { listText } from './context';

/** A pod (or the pods to come) no policy denies by default, with the policies that select it. */
export interface OpenItem {
  label: string;
  shape: ModelPod;
  set: ModelPolicySet;
}

export interface PartialGaps {
  /** Admin and baseline policies denying every pod but not every address. */
  podOnly: ModelPolicy[];
  /** Admin policies allowing every pod (`everyone`: every address too). */
  opensPods: Array<{ policy: ModelPolicy; everyone: boolean }>;
  /** Items with neither. */
  fullyOpen: string[];
  /** Every policy named above. */
  policies: ModelPolicy[];
}

export function partialGaps(open: OpenItem[], direction: Direction): PartialGaps {
  const podOnly = new Set<ModelPolicy>();
  const opensPods = new Map<ModelPolicy, { policy: ModelPolicy; everyone: boolean }>();
  const fullyOpen = new Set<string>();
  for (const item of open) {
    const found = podOnlyPolicies(podOnlyDenies(item.set, item.shape, direction));
    found.forEach(p => podOnly.add(p));
    const opener = adminOpensPods(item.set, item.shape, direction);
    if (opener) opensPods.set(opener.policy, opener);
    if (found.length === 0 && !opener) fullyOpen.add(item.label);
  }
  return {
    podOnly: [...podOnly],
    opensPods: [...opensPods.values()],
    fullyOpen: [...fullyOpen],
    policies: [...opensPods.keys(), ...podOnly],
  };
}

/** The end of the fail reason: what is open, and why. */
export function gapText(gaps: PartialGaps, direction: Direction): string {
  const partial = [
    ...(gaps.opensPods.length ? [adminOpensPodsText(gaps.opensPods, direction)] : []),
    ...(gaps.podOnly.length ? [podOnlyDenyText(gaps.podOnly, direction)] : []),
  ];
  if (partial.length === 0) return `new and unselected pods accept all ${direction}`;
  const rest = gaps.fullyOpen;
  return `${partial.join('; ')}${
    rest.length ? `; ${listText(rest)} accept${rest.length === 1 ? 's' : ''} all ${direction}` : ''
  }`;
}
