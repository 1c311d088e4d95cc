/**
 * Label and field selectors with the grammar and semantics of
 * k8s.io/apimachinery: clients such as the Backstage kubernetes backend pass
 * entity label selectors straight through, so anything the real server
 * accepts must work here, and anything it rejects must be rejected (400) here
 * too, or tests against the demo cluster would pass where production fails.
 */

/** Thrown for a selector the real API server would reject with 400. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

type LabelOperator =
  | 'exists'
  | '!'
  | '='
  | '=='
  | '!='
  | 'in'
  | 'notin'
  | 'gt'
  | 'lt';

/** One parsed requirement; a selector is the AND of its requirements. */
export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export type Labels = Record<string, string> | undefined;

/** A compiled selector: `matches(labels)`; `empty` when it selects everything. */
export interface LabelSelector {
  requirements: LabelRequirement[];
  empty: boolean;
  matches(labels: Labels): boolean;
}

// Tokenizer: the same token classes as the apimachinery lexer. Identifiers are
// maximal runs of characters that are neither whitespace nor special.
type Token =
  | { type: 'ident'; value: string }
  | { type: 'op'; value: string }
  | { type: 'end' };

const SPECIAL = new Set(['!', '=', '(', ')', ',', '<', '>']);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (SPECIAL.has(ch)) {
      const two = input.slice(i, i + 2);
      if (two === '!=' || two === '==') {
        tokens.push({ type: 'op', value: two });
        i += 2;
      } else {
        tokens.push({ type: 'op', value: ch });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < input.length && !SPECIAL.has(input[j]) && !/\s/.test(input[j])) {
      j++;
    }
    tokens.push({ type: 'ident', value: input.slice(i, j) });
    i = j;
  }
  tokens.push({ type: 'end' });
  return tokens;
}

// Validation of keys and values, as labels are validated by the API server.
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateKey(key: string): void {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    throw new SelectorError(
      `invalid label key "${key}": prefix part must be a lowercase RFC 1123 subdomain`,
    );
  }
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) {
    throw new SelectorError(
      `invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

function validateValue(value: string): void {
  if (value.length > 63 || (value.length > 0 && !NAME_PART.test(value))) {
    throw new SelectorError(
      `invalid label value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

function requirementError(detail: string): SelectorError {
  return new SelectorError(`unable to parse requirement: ${detail}`);
}

/**
 * Parses a `labelSelector` query value. Supports `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, and the integer comparisons
 * `k>n`, `k<n` that apimachinery also accepts; commas AND requirements.
 * Throws {@link SelectorError} for anything malformed.
 */
export function parseLabelSelector(input: string): LabelSelector {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const describe = (t: Token) => (t.type === 'end' ? "''" : `'${t.value}'`);

  const requirements: LabelRequirement[] = [];
  if (peek().type === 'end') {
    return compile(requirements);
  }

  for (;;) {
    let t = next();
    let negated = false;
    if (t.type === 'op' && t.value === '!') {
      negated = true;
      t = next();
    }
    if (t.type !== 'ident') {
      throw requirementError(`found ${describe(t)}, expected: identifier`);
    }
    const key = t.value;
    validateKey(key);

    const after = peek();
    if (negated) {
      if (
        !(after.type === 'end' || (after.type === 'op' && after.value === ','))
      ) {
        throw requirementError(
          `found ${describe(after)}, expected: ',' or 'end of string'`,
        );
      }
      requirements.push({ key, operator: '!', values: [] });
    } else if (
      after.type === 'end' ||
      (after.type === 'op' && after.value === ',')
    ) {
      requirements.push({ key, operator: 'exists', values: [] });
    } else {
      const opTok = next();
      let operator: LabelOperator;
      if (opTok.type === 'op' && ['=', '==', '!='].includes(opTok.value)) {
        operator = opTok.value as LabelOperator;
      } else if (
        opTok.type === 'op' &&
        (opTok.value === '>' || opTok.value === '<')
      ) {
        operator = opTok.value === '>' ? 'gt' : 'lt';
      } else if (
        opTok.type === 'ident' &&
        (opTok.value === 'in' || opTok.value === 'notin')
      ) {
        operator = opTok.value;
      } else {
        throw requirementError(
          `found ${describe(opTok)}, expected: in, notin, =, ==, !=, gt, lt`,
        );
      }

      if (operator === 'in' || operator === 'notin') {
        const open = next();
        if (!(open.type === 'op' && open.value === '(')) {
          throw requirementError(`found ${describe(open)}, expected: '('`);
        }
        const values: string[] = [];
        // Values may be empty, as in apimachinery: `in (a,)` is {a, ""} and
        // `in ()` is {""}.
        let expectValue = true;
        for (;;) {
          const v = next();
          if (v.type === 'op' && v.value === ')') {
            if (expectValue) values.push('');
            break;
          }
          if (v.type === 'op' && v.value === ',') {
            if (expectValue) values.push('');
            expectValue = true;
            continue;
          }
          if (v.type === 'ident' && expectValue) {
            values.push(v.value);
            expectValue = false;
            continue;
          }
          throw requirementError(
            `found ${describe(v)}, expected: ',', ')' or identifier`,
          );
        }
        values.forEach(validateValue);
        requirements.push({ key, operator, values });
      } else {
        // A single value; `k=` (empty value) is legal and means "k is empty".
        const v = peek();
        let value = '';
        if (v.type === 'ident') {
          value = v.value;
          next();
        } else if (
          !(v.type === 'end' || (v.type === 'op' && v.value === ','))
        ) {
          throw requirementError(`found ${describe(v)}, expected: identifier`);
        }
        if (operator === 'gt' || operator === 'lt') {
          if (!/^-?\d+$/.test(value)) {
            throw requirementError(
              `for 'Gt', 'Lt' operators, the value must be an integer`,
            );
          }
        } else {
          validateValue(value);
        }
        requirements.push({ key, operator, values: [value] });
      }
    }

    const sep = next();
    if (sep.type === 'end') break;
    if (!(sep.type === 'op' && sep.value === ',')) {
      throw requirementError(
        `found ${describe(sep)}, expected: ',' or 'end of string'`,
      );
    }
    if (peek().type === 'end') {
      // A trailing comma leaves an empty requirement, which apimachinery rejects.
      throw requirementError(`found '', expected: identifier`);
    }
  }
  return compile(requirements);
}

function matchesRequirement(r: LabelRequirement, labels: Labels): boolean {
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

function compile(requirements: LabelRequirement[]): LabelSelector {
  return {
    requirements,
    empty: requirements.length === 0,
    matches: labels => requirements.every(r => matchesRequirement(r, labels)),
  };
}

/** One `fieldSelector` term; fields selectors only support (in)equality. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
  empty: boolean;
}

/**
 * Parses a `fieldSelector` query value: `f=v`, `f==v`, `f!=v`, comma = AND,
 * with apimachinery's backslash escapes (`\,`, `\=`, `\\`) in values.
 * Which fields are supported depends on the resource; see
 * {@link supportedFields}.
 */
export function parseFieldSelector(input: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  if (input.trim() === '') {
    return { requirements, empty: true };
  }
  for (const term of splitUnescaped(input, ',')) {
    const m = /^([^=!]*?)(==|!=|=)(.*)$/s.exec(term);
    if (!m) {
      throw new SelectorError(
        `invalid selector: '${term}'; can't understand '${term}'`,
      );
    }
    const field = m[1].trim();
    if (!field) {
      throw new SelectorError(
        `invalid selector: '${term}'; field name is empty`,
      );
    }
    requirements.push({
      field,
      operator: m[2] === '!=' ? '!=' : '=',
      value: unescapeFieldValue(m[3]),
    });
  }
  return { requirements, empty: requirements.length === 0 };
}

function splitUnescaped(input: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '\\' && i + 1 < input.length) {
      current += ch + input[i + 1];
      i++;
    } else if (ch === sep) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeFieldValue(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') {
      const nextCh = raw[i + 1];
      if (nextCh === '\\' || nextCh === ',' || nextCh === '=') {
        out += nextCh;
        i++;
        continue;
      }
      throw new SelectorError(
        `invalid field selector: invalid escape sequence in '${raw}'`,
      );
    }
    if (ch === ',' || ch === '=') {
      throw new SelectorError(
        `invalid field selector: unescaped '${ch}' in value '${raw}'`,
      );
    }
    out += ch;
  }
  return out;
}

type FieldGetter = (obj: any) => string;

const COMMON_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': o => o?.metadata?.name ?? '',
  'metadata.namespace': o => o?.metadata?.namespace ?? '',
};

/** Extra fields the real server indexes for pods (kubectl and kubelets use them). */
const POD_FIELDS: Record<string, FieldGetter> = {
  'spec.nodeName': o => o?.spec?.nodeName ?? '',
  'spec.restartPolicy': o => o?.spec?.restartPolicy ?? '',
  'spec.schedulerName': o => o?.spec?.schedulerName ?? '',
  'spec.serviceAccountName': o => o?.spec?.serviceAccountName ?? '',
  'spec.hostNetwork': o => String(Boolean(o?.spec?.hostNetwork)),
  'status.phase': o => o?.status?.phase ?? '',
  'status.podIP': o => o?.status?.podIP ?? '',
  'status.nominatedNodeName': o => o?.status?.nominatedNodeName ?? '',
};

const NAMESPACE_FIELDS: Record<string, FieldGetter> = {
  'status.phase': o => o?.status?.phase ?? '',
};

/** The field getters a resource supports in field selectors. */
export function supportedFields(
  plural: string,
  group: string,
): Record<string, FieldGetter> {
  if (group === '' && plural === 'pods')
    return { ...COMMON_FIELDS, ...POD_FIELDS };
  if (group === '' && plural === 'namespaces')
    return { ...COMMON_FIELDS, ...NAMESPACE_FIELDS };
  return COMMON_FIELDS;
}

/**
 * Binds a parsed field selector to a resource, failing (400) on fields the
 * resource does not support, like the real server's
 * `field label not supported: spec.foo`.
 */
export function compileFieldSelector(
  selector: FieldSelector,
  fields: Record<string, FieldGetter>,
): (obj: any) => boolean {
  const checks = selector.requirements.map(r => {
    const get = fields[r.field];
    if (!get) {
      throw new SelectorError(`field label not supported: ${r.field}`);
    }
    return (obj: any) =>
      r.operator === '=' ? get(obj) === r.value : get(obj) !== r.value;
  });
  return obj => checks.every(c => c(obj));
}
