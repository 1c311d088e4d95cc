/**
 * Parses the string form of a label selector (`kubectl -l`, the
 * `backstage.io/kubernetes-label-selector` annotation) into a LabelSelector,
 * through the one strict parser (labelSelectorText.ts, as apimachinery).
 * An empty string selects everything. Throws an Error naming the selector on
 * bad syntax, so the caller can tell the user which annotation is wrong, and
 * on `>`/`<`, which the API server accepts but a LabelSelector cannot express.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../snapshot/types';
import {
  LabelSelectorTextRequirement,
  parseLabelSelectorText,
} from './labelSelectorText';

function parse(input: string): LabelSelectorTextRequirement[] {
  try {
    return parseLabelSelectorText(input);
  } catch (error) {
    throw new Error(`${(error as Error).message} in label selector "${input}"`);
  }
}

/** @public */
export function parseLabelSelectorString(input: string): LabelSelector {
  const text = input ?? '';
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const { key, operator, values } of parse(text)) {
    switch (operator) {
      case '=':
      case '==':
        if (key in matchLabels && matchLabels[key] !== values[0]) {
          // `a=x,a=y` selects nothing; keep both requirements rather than lose one.
          matchExpressions.push({ key, operator: 'In', values });
        } else {
          matchLabels[key] = values[0];
        }
        break;
      case '!=':
        matchExpressions.push({ key, operator: 'NotIn', values });
        break;
      case 'in':
        matchExpressions.push({ key, operator: 'In', values });
        break;
      case 'notin':
        matchExpressions.push({ key, operator: 'NotIn', values });
        break;
      case 'exists':
        matchExpressions.push({ key, operator: 'Exists' });
        break;
      case '!':
        matchExpressions.push({ key, operator: 'DoesNotExist' });
        break;
      default:
        throw new Error(
          `"${key} ${operator === 'gt' ? '>' : '<'} ${
            values[0]
          }" compares numbers, which a LabelSelector cannot express, in label selector "${text}"`,
        );
    }
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}
