/**
 * Two policies of one tier with the same priority: the API leaves their
 * order undefined ("the implementation can apply any of the matching
 * policies to the connection, and there is no way for the user to reliably
 * determine which one it will choose"). This tool still evaluates them in
 * name order, so it says so on each of them instead of pretending to know.
 */
import type { ModelPolicy } from '../policyModel/types';

export function priorityTieNotes(
  policies: ModelPolicy[],
): Map<ModelPolicy, string> {
  const groups = new Map<string, ModelPolicy[]>();
  for (const p of policies) {
    const key = `${p.tier}\u0000${p.order}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const notes = new Map<ModelPolicy, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const p of group) {
      const others = group.filter(o => o !== p).map(o => o.label);
      notes.set(
        p,
        `shares ${p.tier} tier priority ${p.order} with ${others.join(
          ', ',
        )}: the network-policy API leaves the order of equal priorities undefined, so where their rules overlap an implementation may apply either one; this report evaluates them in name order`,
      );
    }
  }
  return notes;
}
