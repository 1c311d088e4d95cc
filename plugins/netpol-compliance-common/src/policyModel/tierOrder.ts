/**
 * The order in which a tier's policies and rules are read, shared by the
 * evaluation (evaluate.ts) and the isolation questions (strangers.ts,
 * isolation.ts).
 */
import { compareText } from '../semantics/compareText';
import type {
  ModelDirection,
  ModelPod,
  ModelPolicy,
  ModelRule,
} from './types';

/** Sorts policies of one tier: by order, then by id. */
export function byOrder(a: ModelPolicy, b: ModelPolicy): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return compareText(a.id, b.id);
}

/** The rules of a tier that apply to `subject`, in evaluation order. */
export function orderedRules(
  policies: ModelPolicy[],
  direction: ModelDirection,
  subject: ModelPod,
): Array<{ policy: ModelPolicy; rule: ModelRule }> {
  const first: Array<{ policy: ModelPolicy; rule: ModelRule }> = [];
  const rest: Array<{ policy: ModelPolicy; rule: ModelRule }> = [];
  for (const policy of policies) {
    for (const rule of policy.rules[direction]) {
      if (policy.appliesTo && !policy.appliesTo(rule, subject)) continue;
      (rule.first ? first : rest).push({ policy, rule });
    }
  }
  return first.length ? [...first, ...rest] : rest;
}

/** Whether a namespace-tier policy selecting `pod` isolates it. */
export function isolatesPod(
  policy: ModelPolicy,
  pod: ModelPod,
  direction: ModelDirection,
): boolean {
  return policy.isolatesPod
    ? policy.isolatesPod(pod, direction)
    : policy.isolates[direction];
}
