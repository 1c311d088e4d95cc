/**
 * A small YAML writer for plain JSON data (objects, arrays, strings,
 * numbers, booleans, null), used for the policy YAML embedded in every
 * report. The `yaml` package writes the remediation documents; here a
 * report of 10,000 policies must not spend seconds formatting, and plain
 * data needs none of a full YAML library's machinery.
 *
 * Strings are written plain only when they cannot be read back as anything
 * else (a conservative character set, not a YAML keyword or number);
 * otherwise they are double-quoted with JSON escapes, which YAML reads
 * identically. Tests round-trip the output through the `yaml` parser.
 */

const PLAIN = /^[A-Za-z][A-Za-z0-9_.\/-]*$/;
const KEYWORDS = /^(true|false|null|yes|no|on|off|y|n|nan|inf)$/i;

/** A scalar string as YAML. */
export function yamlString(s: string): string {
  if (PLAIN.test(s) && !KEYWORDS.test(s) && !/[.-]$/.test(s)) return s;
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029').replace(/\u0085/g, '\\u0085');
}

function scalar(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return yamlString(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : yamlString(String(v));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return String(v);
    default:
      return undefined;
  }
}

function isEmptyContainer(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (v && typeof v === 'object' && !Array.isArray(v) && definedEntries(v).length === 0) return '{}';
  return undefined;
}

function definedEntries(o: object): Array<[string, unknown]> {
  return Object.entries(o).filter(([, v]) => v !== undefined && typeof v !== 'function');
}

function write(value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = scalar(item ?? null) ?? isEmptyContainer(item);
      if (s !== undefined) {
        out.push(`${indent}- ${s}`);
      } else if (Array.isArray(item)) {
        out.push(`${indent}-`);
        write(item, `${indent}  `, out);
      } else {
        // A mapping in a list: its first key goes on the dash line.
        const lines: string[] = [];
        write(item, `${indent}  `, lines);
        lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
        out.push(...lines);
      }
    }
    return;
  }
  for (const [k, v] of definedEntries(value as object)) {
    const key = yamlString(k);
    const s = scalar(v) ?? isEmptyContainer(v);
    if (s !== undefined) {
      out.push(`${indent}${key}: ${s}`);
    } else {
      out.push(`${indent}${key}:`);
      write(v, `${indent}  `, out);
    }
  }
}

/** Plain data as a YAML document (no `---`), ending with a newline. */
export function toYaml(value: unknown): string {
  const s = scalar(value ?? null) ?? isEmptyContainer(value);
  if (s !== undefined) return `${s}\n`;
  const out: string[] = [];
  write(value, '', out);
  return `${out.join('\n')}\n`;
}
