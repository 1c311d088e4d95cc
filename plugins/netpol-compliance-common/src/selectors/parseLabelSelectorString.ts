/**
 * Parses the string form of a label selector (`kubectl -l`, the
 * `backstage.io/kubernetes-label-selector` annotation) into a LabelSelector.
 *
 * Grammar (as in k8s.io/apimachinery labels.Parse, without the numeric
 * `gt`/`lt` operators which LabelSelector cannot express):
 *   requirement (',' requirement)*
 *   requirement: key | '!' key | key ('=' | '==' | '!=') value
 *              | key ('in' | 'notin') '(' value (',' value)* ')'
 * An empty string selects everything. Throws an Error on bad syntax, so the
 * caller can tell the user which annotation is wrong.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../snapshot';
import {
  labelValueProblems,
  qualifiedNameProblems,
} from '../validation/names';

function splitTopLevel(input: string): string[] {
  // Most selectors have no set requirement: a plain split will do.
  if (!input.includes('(') && !input.includes(')')) return input.split(',');
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of input) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0)
      throw new Error(`Unbalanced ")" in label selector "${input}"`);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0)
    throw new Error(`Unbalanced "(" in label selector "${input}"`);
  parts.push(current);
  return parts;
}

function checkKey(key: string, input: string): string {
  if (qualifiedNameProblems(key).length > 0) {
    throw new Error(`Invalid label key "${key}" in label selector "${input}"`);
  }
  return key;
}

function checkValue(value: string, input: string): string {
  if (labelValueProblems(value).length > 0) {
    throw new Error(
      `Invalid label value "${value}" in label selector "${input}"`,
    );
  }
  return value;
}

/** @public */
export function parseLabelSelectorString(input: string): LabelSelector {
  const text = (input ?? '').trim();
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  if (text === '') return {};
  for (const rawPart of splitTopLevel(text)) {
    const part = rawPart.trim();
    if (part === '')
      throw new Error(`Empty requirement in label selector "${input}"`);
    const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (setMatch) {
      const key = checkKey(setMatch[1], input);
      const values = setMatch[3]
        .split(',')
        .map(v => v.trim())
        .map(v => checkValue(v, input));
      if (values.length === 0 || (values.length === 1 && values[0] === '')) {
        throw new Error(
          `"${key} ${setMatch[2]}" needs at least one value in label selector "${input}"`,
        );
      }
      matchExpressions.push({
        key,
        operator: setMatch[2] === 'in' ? 'In' : 'NotIn',
        values,
      });
      continue;
    }
    const eqMatch = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (eqMatch) {
      const key = checkKey(eqMatch[1], input);
      const value = checkValue(eqMatch[3].trim(), input);
      if (eqMatch[2] === '!=') {
        matchExpressions.push({ key, operator: 'NotIn', values: [value] });
      } else if (key in matchLabels && matchLabels[key] !== value) {
        // `a=x,a=y` selects nothing; keep both requirements rather than lose one.
        matchExpressions.push({ key, operator: 'In', values: [value] });
      } else {
        matchLabels[key] = value;
      }
      continue;
    }
    const notExists = /^!\s*(\S+)$/.exec(part);
    if (notExists) {
      matchExpressions.push({
        key: checkKey(notExists[1], input),
        operator: 'DoesNotExist',
      });
      continue;
    }
    if (/^\S+$/.test(part)) {
      matchExpressions.push({ key: checkKey(part, input), operator: 'Exists' });
      continue;
    }
    throw new Error(`Cannot parse "${part}" in label selector "${input}"`);
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}
