/**
 * Calico's selector expression language (projectcalico.org/v3 `selector`,
 * `namespaceSelector`). Parsed into a matcher over a label map.
 *
 * Supported: `all()`, `global()`, `has(k)`, `k == 'v'`, `k != 'v'`,
 * `k in {'a','b'}`, `k not in {...}`, `k contains 's'`, `k starts with 's'`,
 * `k ends with 's'`, `!`, `&&`, `||` and parentheses; strings in single or
 * double quotes. Anything else is a parse error: the caller then treats the
 * policy as selecting nothing and reports why, rather than guessing.
 * An empty selector means `all()`, as in Calico.
 */
import type { Labels } from './labelSelector';

/** @public */
export type CalicoSelectorResult =
  | { ok: true; matches: (labels: Labels) => boolean }
  | { ok: false; error: string };

type Token =
  | { t: 'ident'; v: string }
  | { t: 'str'; v: string }
  | { t: 'op'; v: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '==' || two === '!=') {
      tokens.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('!(){},'.includes(ch)) {
      tokens.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = input.indexOf(ch, i + 1);
      if (end < 0) throw new Error(`unterminated string at position ${i}`);
      tokens.push({ t: 'str', v: input.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const m = /^[A-Za-z0-9_.\/-]+/.exec(input.slice(i));
    if (!m) throw new Error(`unexpected character "${ch}" at position ${i}`);
    tokens.push({ t: 'ident', v: m[0] });
    i += m[0].length;
  }
  return tokens;
}

type Matcher = (labels: Labels) => boolean;

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Matcher {
    if (this.tokens.length === 0) return () => true;
    const m = this.or();
    if (this.pos < this.tokens.length) {
      throw new Error(`unexpected "${this.tokens[this.pos].v}"`);
    }
    return m;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const tok = this.tokens[this.pos++];
    if (!tok) throw new Error('unexpected end of selector');
    return tok;
  }

  private isOp(v: string): boolean {
    const tok = this.peek();
    return !!tok && tok.t === 'op' && tok.v === v;
  }

  private isIdent(v: string): boolean {
    const tok = this.peek();
    return !!tok && tok.t === 'ident' && tok.v === v;
  }

  private expectOp(v: string): void {
    const tok = this.next();
    if (tok.t !== 'op' || tok.v !== v)
      throw new Error(`expected "${v}", got "${tok.v}"`);
  }

  private str(): string {
    const tok = this.next();
    if (tok.t !== 'str')
      throw new Error(`expected a quoted string, got "${tok.v}"`);
    return tok.v;
  }

  private or(): Matcher {
    const parts = [this.and()];
    while (this.isOp('||')) {
      this.pos++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0] : l => parts.some(p => p(l));
  }

  private and(): Matcher {
    const parts = [this.unary()];
    while (this.isOp('&&')) {
      this.pos++;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : l => parts.every(p => p(l));
  }

  private unary(): Matcher {
    if (this.isOp('!')) {
      this.pos++;
      const inner = this.unary();
      return l => !inner(l);
    }
    return this.primary();
  }

  private set(): Set<string> {
    this.expectOp('{');
    const values = new Set<string>();
    if (this.isOp('}')) {
      this.pos++;
      return values;
    }
    values.add(this.str());
    while (this.isOp(',')) {
      this.pos++;
      values.add(this.str());
    }
    this.expectOp('}');
    return values;
  }

  private primary(): Matcher {
    if (this.isOp('(')) {
      this.pos++;
      const inner = this.or();
      this.expectOp(')');
      return inner;
    }
    const tok = this.next();
    if (tok.t !== 'ident') throw new Error(`unexpected "${tok.v}"`);
    if ((tok.v === 'all' || tok.v === 'global') && this.isOp('(')) {
      this.pos++;
      this.expectOp(')');
      // global() selects non-namespaced endpoints (host endpoints): never a pod.
      return tok.v === 'all' ? () => true : () => false;
    }
    if (tok.v === 'has' && this.isOp('(')) {
      this.pos++;
      const key = this.next();
      if (key.t !== 'ident')
        throw new Error(`expected a label key in has(), got "${key.v}"`);
      this.expectOp(')');
      return l => Object.prototype.hasOwnProperty.call(l, key.v);
    }
    const key = tok.v;
    const has = (l: Labels) => Object.prototype.hasOwnProperty.call(l, key);
    if (this.isOp('==')) {
      this.pos++;
      const v = this.str();
      return l => has(l) && l[key] === v;
    }
    if (this.isOp('!=')) {
      this.pos++;
      const v = this.str();
      // Calico: `k != 'v'` also matches endpoints without the label.
      return l => !has(l) || l[key] !== v;
    }
    if (this.isIdent('in')) {
      this.pos++;
      const values = this.set();
      return l => has(l) && values.has(l[key]);
    }
    if (this.isIdent('not')) {
      this.pos++;
      if (!this.isIdent('in')) throw new Error('expected "in" after "not"');
      this.pos++;
      const values = this.set();
      return l => !has(l) || !values.has(l[key]);
    }
    if (this.isIdent('contains')) {
      this.pos++;
      const v = this.str();
      return l => has(l) && l[key].includes(v);
    }
    if (this.isIdent('starts') || this.isIdent('ends')) {
      const which = this.next().v;
      if (!this.isIdent('with'))
        throw new Error(`expected "with" after "${which}"`);
      this.pos++;
      const v = this.str();
      return which === 'starts'
        ? l => has(l) && l[key].startsWith(v)
        : l => has(l) && l[key].endsWith(v);
    }
    const after = this.peek();
    throw new Error(
      after
        ? `unsupported expression after "${key}": "${after.v}"`
        : `incomplete expression "${key}"`,
    );
  }
}

/** Parses a Calico selector; never throws. @public */
export function parseCalicoSelector(
  selector: string | undefined | null,
): CalicoSelectorResult {
  try {
    const tokens = tokenize(selector ?? '');
    return { ok: true, matches: new Parser(tokens).parse() };
  } catch (e) {
    return {
      ok: false,
      error: `unsupported Calico selector "${selector}": ${
        (e as Error).message
      }`,
    };
  }
}
