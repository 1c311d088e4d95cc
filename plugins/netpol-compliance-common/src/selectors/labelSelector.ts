/**
 * Kubernetes label selectors (`metav1.LabelSelector`): validation, matching
 * and a compiled form that policies share.
 *
 * Semantics follow the API server: `matchLabels` and every
 * `matchExpressions` entry are ANDed; an empty selector (`{}`) selects
 * everything; `NotIn` and `DoesNotExist` match objects that lack the key.
 * An invalid selector (unknown operator, `In`/`NotIn` without values,
 * `Exists`/`DoesNotExist` with values, non-string values) would be rejected
 * by the API server; here it selects nothing and the reason is kept, so a
 * broken manifest never widens what a policy covers.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../snapshot/types';

/** @public */
export type Labels = Record<string, string>;

/** A selector checked once and ready to match many label sets. @public */
export interface CompiledLabelSelector {
  /** Canonical text of the selector: equal selectors have equal keys. */
  key: string;
  valid: boolean;
  /** Why the selector is invalid (empty when valid). */
  problems: string[];
  /** True when the selector is valid and has no requirement: it selects everything. */
  selectsAll: boolean;
  /**
   * Requirements a matching label set must meet as "key has one of these
   * values" (matchLabels, In): lets a caller look candidates up in a label
   * index instead of testing every object. Empty when there is none.
   */
  requiredValues: Array<[string, string[]]>;
  matches(labels: Labels): boolean;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: Set<string>;
}

/**
 * The problems that make a selector invalid, in words; empty when valid.
 * `where` prefixes each problem (`podSelector`, `ingress rule 1 peer 2`...).
 * @public
 */
export function validateLabelSelector(
  selector: LabelSelector | null | undefined,
  where = 'selector',
): string[] {
  const problems: string[] = [];
  if (selector === null || selector === undefined) return problems;
  if (typeof selector !== 'object' || Array.isArray(selector)) {
    return [`${where}: must be an object`];
  }
  const { matchLabels, matchExpressions } = selector as LabelSelector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (typeof matchLabels !== 'object' || Array.isArray(matchLabels)) {
      problems.push(`${where}: matchLabels must be a map of strings`);
    } else {
      for (const [k, v] of Object.entries(matchLabels)) {
        if (typeof v !== 'string') {
          problems.push(
            `${where}: matchLabels value of "${k}" must be a string (got ${JSON.stringify(
              v,
            )})`,
          );
        }
      }
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) {
      problems.push(`${where}: matchExpressions must be a list`);
    } else {
      matchExpressions.forEach((req: LabelSelectorRequirement, i: number) => {
        const at = `${where}: matchExpressions[${i}]`;
        if (!req || typeof req !== 'object') {
          problems.push(`${at} must be an object`);
          return;
        }
        if (typeof req.key !== 'string' || req.key === '') {
          problems.push(`${at} has no key`);
        }
        if (!OPERATORS.has(req.operator)) {
          problems.push(
            `${at} has unknown operator "${req.operator}" (valid: In, NotIn, Exists, DoesNotExist)`,
          );
          return;
        }
        const values = req.values;
        if (values !== undefined && values !== null && !Array.isArray(values)) {
          problems.push(`${at} values must be a list`);
          return;
        }
        const count = values ? values.length : 0;
        if (
          (req.operator === 'In' || req.operator === 'NotIn') &&
          count === 0
        ) {
          problems.push(`${at} uses ${req.operator} without values`);
        }
        if (
          (req.operator === 'Exists' || req.operator === 'DoesNotExist') &&
          count > 0
        ) {
          problems.push(`${at} uses ${req.operator} with values`);
        }
        if (values && values.some(v => typeof v !== 'string')) {
          problems.push(`${at} values must be strings`);
        }
      });
    }
  }
  return problems;
}

/** The canonical key of a label set: equal sets give equal keys. @public */
export function labelsKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  keys.sort();
  let out = '';
  for (const k of keys) out += `${k}\u0001${labels[k]}\u0000`;
  return out;
}

function canonicalKey(selector: LabelSelector): string {
  const ml = selector.matchLabels ?? {};
  const labels = Object.keys(ml)
    .sort()
    .map(k => `${k}=${String((ml as Record<string, unknown>)[k])}`);
  const exprs = (
    Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []
  )
    .map(
      e =>
        `${e?.key} ${e?.operator} (${[...(e?.values ?? [])]
          .map(String)
          .sort()
          .join(',')})`,
    )
    .sort();
  return `{${labels.join(',')}|${exprs.join(';')}}`;
}

const NOTHING: CompiledLabelSelector['matches'] = () => false;

/**
 * Compiles a selector. `undefined`/`null` compile as `{}` (selects
 * everything); callers that give absence another meaning (a peer without
 * podSelector) decide that before calling.
 * @public
 */
export function compileLabelSelector(
  selector: LabelSelector | null | undefined,
  where = 'selector',
): CompiledLabelSelector {
  const sel: LabelSelector = selector ?? {};
  const problems = validateLabelSelector(sel, where);
  if (problems.length > 0) {
    return {
      key: `invalid:${safeJson(sel)}`,
      valid: false,
      problems,
      selectsAll: false,
      requiredValues: [],
      matches: NOTHING,
    };
  }
  const equals: Array<[string, string]> = Object.entries(sel.matchLabels ?? {});
  const reqs: Requirement[] = (sel.matchExpressions ?? []).map(e => ({
    key: e.key,
    op: e.operator as Requirement['op'],
    values: new Set(e.values ?? []),
  }));
  const key = canonicalKey(sel);
  if (equals.length === 0 && reqs.length === 0) {
    return {
      key,
      valid: true,
      problems: [],
      selectsAll: true,
      requiredValues: [],
      matches: () => true,
    };
  }
  const matches = (labels: Labels): boolean => {
    for (const [k, v] of equals) {
      if (labels[k] !== v) return false;
    }
    for (const r of reqs) {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      switch (r.op) {
        case 'In':
          if (!has || !r.values.has(labels[r.key])) return false;
          break;
        case 'NotIn':
          if (has && r.values.has(labels[r.key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        default:
          if (has) return false;
      }
    }
    return true;
  };
  const requiredValues: Array<[string, string[]]> = [
    ...equals.map(([k, v]): [string, string[]] => [k, [v]]),
    ...reqs
      .filter(r => r.op === 'In')
      .map((r): [string, string[]] => [r.key, [...r.values]]),
  ];
  return {
    key,
    valid: true,
    problems: [],
    selectsAll: false,
    requiredValues,
    matches,
  };
}

/** JSON text of a parsed manifest value, or its String() if it cannot be (a cycle). */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/**
 * Whether `labels` match `selector`. An absent selector and `{}` select
 * everything; an invalid selector selects nothing.
 * @public
 */
export function matchesSelector(
  labels: Labels,
  selector: LabelSelector | null | undefined,
): boolean {
  return compileLabelSelector(selector).matches(labels ?? {});
}

/** True when the selector has no requirement (absent, `{}`, or empty maps/lists). @public */
export function isEmptySelector(
  selector: LabelSelector | null | undefined,
): boolean {
  if (!selector) return true;
  const ml = selector.matchLabels;
  const me = selector.matchExpressions;
  return (!ml || Object.keys(ml).length === 0) && (!me || me.length === 0);
}

/**
 * A selector in the `kubectl -l` syntax, for people:
 * `app=web,tier in (a,b),!debug`; `{}` is written `(all)`.
 * @public
 */
export function formatLabelSelector(
  selector: LabelSelector | null | undefined,
): string {
  if (!selector) return '(all)';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    parts.push(`${k}=${v}`);
  }
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(e.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
      default:
        parts.push(`${e.key} ${e.operator} (${values})`);
    }
  }
  return parts.length === 0 ? '(all)' : parts.join(',');
}

/** A compiled selector with a memo per label set (keyed by `labelsKey`). */
export interface KeyedSelector extends CompiledLabelSelector {
  matchesKeyed(labels: Labels, key: string): boolean;
}

/** Adds a per-label-set memo to a compiled selector. */
export function memoise(selector: CompiledLabelSelector): KeyedSelector {
  const memo = new Map<string, boolean>();
  return {
    ...selector,
    matchesKeyed(labels: Labels, key: string): boolean {
      if (selector.selectsAll) return true;
      if (!selector.valid) return false;
      let r = memo.get(key);
      if (r === undefined) {
        r = selector.matches(labels);
        memo.set(key, r);
      }
      return r;
    },
  };
}
