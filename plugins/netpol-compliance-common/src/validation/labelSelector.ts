/**
 * `metav1.LabelSelector` as the API server validates it
 * (apimachinery `ValidateLabelSelector`, selector values checked as on
 * create): label keys and values, and the operator rules: `In`/`NotIn`
 * need values, `Exists`/`DoesNotExist` take none, any other operator is
 * invalid.
 */
import { checkLabels } from './metadata';
import { labelValueProblems, qualifiedNameProblems } from './names';
import {
  at,
  child,
  listOf,
  objectOf,
  quote,
  Shape,
  STRING,
  STRING_LIST,
  STRING_MAP,
} from './shape';

export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export const LABEL_SELECTOR: Shape = objectOf({
  matchLabels: STRING_MAP,
  matchExpressions: listOf(
    objectOf({ key: STRING, operator: STRING, values: STRING_LIST }),
  ),
});

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The requirement rules alone (operator and values), shared with CRD selectors. */
export function checkRequirementOperator(
  req: Record<string, any>,
  path: string,
  out: string[],
): void {
  const op = req.operator;
  const count = Array.isArray(req.values) ? req.values.length : 0;
  if (op === 'In' || op === 'NotIn') {
    if (count === 0)
      out.push(
        `${child(
          path,
          'values',
        )}: required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      );
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (count > 0)
      out.push(
        `${child(
          path,
          'values',
        )}: forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
      );
  } else {
    out.push(
      `${child(path, 'operator')}: invalid value ${quote(
        op,
      )}: not a valid selector operator (In, NotIn, Exists, DoesNotExist)`,
    );
  }
}

/** Adds the problems of a Kubernetes label selector at `path` (its shape checked separately). */
export function checkLabelSelector(
  selector: unknown,
  path: string,
  out: string[],
): void {
  if (!isMapping(selector)) return;
  checkLabels(selector.matchLabels, child(path, 'matchLabels'), out);
  const exprs = selector.matchExpressions;
  if (!Array.isArray(exprs)) return;
  exprs.forEach((given, i) => {
    const reqPath = at(child(path, 'matchExpressions'), i);
    const req = given === null || given === undefined ? {} : given;
    if (!isMapping(req)) return;
    checkRequirementOperator(req, reqPath, out);
    const key = typeof req.key === 'string' ? req.key : '';
    for (const p of qualifiedNameProblems(key))
      out.push(`${child(reqPath, 'key')}: invalid value ${quote(key)}: ${p}`);
    if (Array.isArray(req.values))
      req.values.forEach((v: unknown, j: number) => {
        if (typeof v !== 'string') return;
        for (const p of labelValueProblems(v))
          out.push(
            `${at(child(reqPath, 'values'), j)}: invalid value ${quote(
              v,
            )}: ${p}`,
          );
      });
  });
}
