/**
 * The text form of a label selector (`kubectl -l`, the `labelSelector`
 * query parameter, the `backstage.io/kubernetes-label-selector` annotation)
 * with the grammar of k8s.io/apimachinery's labels.Parse: what the API server
 * accepts is accepted here and what it rejects is rejected. The one parser:
 * parseLabelSelectorString (annotations) and the demo cluster (query
 * parameters) both read selectors through it.
 *
 *   selector:    '' | requirement (',' requirement)*
 *   requirement: key | '!' key | key ('=' | '==' | '!=') value?
 *              | key ('in' | 'notin') '(' value? (',' value?)* ')'
 *              | key ('>' | '<') integer
 */
import { labelValueProblems, qualifiedNameProblems } from '../validation/names';

/** A selector text the API server would reject. @public */
export class LabelSelectorSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorSyntaxError';
  }
}

/** @public */
export type LabelSelectorTextOperator =
  | 'exists'
  | '!'
  | '='
  | '=='
  | '!='
  | 'in'
  | 'notin'
  | 'gt'
  | 'lt';

/** One requirement of a selector text; the selector is their AND. @public */
export interface LabelSelectorTextRequirement {
  key: string;
  operator: LabelSelectorTextOperator;
  values: string[];
}

// The token classes of the apimachinery lexer: identifiers are maximal runs
// of characters that are neither whitespace nor special.
type Token =
  | { type: 'ident'; value: string }
  | { type: 'op'; value: string }
  | { type: 'end' };

const SPECIAL = new Set(['!', '=', '(', ')', ',', '<', '>']);
const SPACE = /\s/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (SPACE.test(ch)) {
      i++;
    } else if (SPECIAL.has(ch)) {
      const two = input.slice(i, i + 2);
      const op = two === '!=' || two === '==' ? two : ch;
      tokens.push({ type: 'op', value: op });
      i += op.length;
    } else {
      let j = i;
      while (j < input.length && !SPECIAL.has(input[j]) && !SPACE.test(input[j]))
        j++;
      tokens.push({ type: 'ident', value: input.slice(i, j) });
      i = j;
    }
  }
  tokens.push({ type: 'end' });
  return tokens;
}

function checkKey(key: string): void {
  const problems = qualifiedNameProblems(key);
  if (problems.length > 0) {
    throw new LabelSelectorSyntaxError(
      `Invalid label key "${key}": ${problems.join('; ')}`,
    );
  }
}

function checkValue(value: string): void {
  const problems = labelValueProblems(value);
  if (problems.length > 0) {
    throw new LabelSelectorSyntaxError(
      `Invalid label value "${value}": ${problems.join('; ')}`,
    );
  }
}

function unparsable(detail: string): LabelSelectorSyntaxError {
  return new LabelSelectorSyntaxError(`unable to parse requirement: ${detail}`);
}

const isOp = (t: Token, ...values: string[]) =>
  t.type === 'op' && values.includes(t.value);
const endsRequirement = (t: Token) => t.type === 'end' || isOp(t, ',');
const describe = (t: Token) => (t.type === 'end' ? "''" : `'${t.value}'`);

/** Reads tokens one requirement at a time. */
class RequirementReader {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.pos];
  }

  next(): Token {
    return this.tokens[this.pos++];
  }

  requirement(): LabelSelectorTextRequirement {
    let t = this.next();
    const negated = isOp(t, '!');
    if (negated) t = this.next();
    if (t.type !== 'ident') {
      throw unparsable(`found ${describe(t)}, expected: identifier`);
    }
    const key = t.value;
    checkKey(key);
    if (negated) {
      if (!endsRequirement(this.peek())) {
        throw unparsable(
          `found ${describe(this.peek())}, expected: ',' or 'end of string'`,
        );
      }
      return { key, operator: '!', values: [] };
    }
    if (endsRequirement(this.peek()))
      return { key, operator: 'exists', values: [] };
    const op = this.next();
    if (op.type === 'ident' && (op.value === 'in' || op.value === 'notin')) {
      return { key, operator: op.value, values: this.valueSet() };
    }
    if (isOp(op, '=', '==', '!=')) {
      const value = this.singleValue();
      checkValue(value);
      return {
        key,
        operator: op.type === 'op' ? (op.value as '=' | '==' | '!=') : '=',
        values: [value],
      };
    }
    if (isOp(op, '>', '<')) {
      const value = this.singleValue();
      if (!/^-?\d+$/.test(value)) {
        throw unparsable(`for 'Gt', 'Lt' operators, the value must be an integer`);
      }
      return { key, operator: isOp(op, '>') ? 'gt' : 'lt', values: [value] };
    }
    throw unparsable(
      `found ${describe(op)}, expected: in, notin, =, ==, !=, gt, lt`,
    );
  }

  /** `k=` is legal: the value is empty. */
  private singleValue(): string {
    const v = this.peek();
    if (v.type === 'ident') {
      this.next();
      return v.value;
    }
    if (!endsRequirement(v)) {
      throw unparsable(`found ${describe(v)}, expected: identifier`);
    }
    return '';
  }

  /** `(a,b)`; as in apimachinery, `(a,)` is {a, ""} and `()` is {""}. */
  private valueSet(): string[] {
    const open = this.next();
    if (!isOp(open, '(')) {
      throw unparsable(`found ${describe(open)}, expected: '('`);
    }
    const values: string[] = [];
    let expectValue = true;
    for (;;) {
      const v = this.next();
      if (isOp(v, ')', ',')) {
        if (expectValue) values.push('');
        if (isOp(v, ')')) break;
        expectValue = true;
      } else if (v.type === 'ident' && expectValue) {
        values.push(v.value);
        expectValue = false;
      } else {
        throw unparsable(
          `found ${describe(v)}, expected: ',', ')' or identifier`,
        );
      }
    }
    values.forEach(checkValue);
    return values;
  }
}

/**
 * The requirements of a selector text, in order; none for an empty text
 * (which selects everything). Throws {@link LabelSelectorSyntaxError}.
 * @public
 */
export function parseLabelSelectorText(
  input: string,
): LabelSelectorTextRequirement[] {
  const reader = new RequirementReader(tokenize(input));
  const requirements: LabelSelectorTextRequirement[] = [];
  if (reader.peek().type === 'end') return requirements;
  for (;;) {
    requirements.push(reader.requirement());
    const sep = reader.next();
    if (sep.type === 'end') return requirements;
    if (!isOp(sep, ',')) {
      throw unparsable(
        `found ${describe(sep)}, expected: ',' or 'end of string'`,
      );
    }
    if (reader.peek().type === 'end') {
      // A trailing comma leaves an empty requirement, which apimachinery rejects.
      throw unparsable(`found '', expected: identifier`);
    }
  }
}

function meets(
  r: LabelSelectorTextRequirement,
  labels: Record<string, string> | undefined,
): boolean {
  const has =
    labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? String(labels![r.key]) : undefined;
  switch (r.operator) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case '==':
      return has && value === r.values[0];
    case '!=':
      // Absent labels satisfy `!=`, exactly as in Kubernetes.
      return !has || value !== r.values[0];
    case 'in':
      return has && r.values.includes(value!);
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const a = Number(value);
      const b = Number(r.values[0]);
      return r.operator === 'gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/**
 * Whether a label set meets every requirement of a parsed selector text.
 * @public
 */
export function matchesLabelSelectorText(
  requirements: readonly LabelSelectorTextRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  return requirements.every(r => meets(r, labels));
}
