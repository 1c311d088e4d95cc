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
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/\u0085/g, '\\u0085');
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
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && typeof x !== 'function') return undefined;
    }
    return '{}';
  }
  return undefined;
}

/** Appends the lines of `value` at `indent`; `first` replaces the indent of the first line (list items). */
function write(value: unknown, indent: string, first: string): string {
  let out = '';
  let lead = first;
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = scalar(item ?? null) ?? isEmptyContainer(item);
      if (s !== undefined) {
        out += `${lead}- ${s}\n`;
      } else if (Array.isArray(item)) {
        out += `${lead}-\n${write(item, `${indent}  `, `${indent}  `)}`;
      } else {
        // A mapping in a list: its first key goes on the dash line.
        out += write(item, `${indent}  `, `${lead}- `);
      }
      lead = indent;
    }
    return out;
  }
  for (const k of Object.keys(value as Record<string, unknown>)) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || typeof v === 'function') continue;
    const key = yamlString(k);
    const s = scalar(v) ?? isEmptyContainer(v);
    if (s !== undefined) {
      out += `${lead}${key}: ${s}\n`;
    } else {
      out += `${lead}${key}:\n${write(v, `${indent}  `, `${indent}  `)}`;
    }
    lead = indent;
  }
  return out;
}

/** Plain data as a YAML document (no `---`), ending with a newline. */
export function toYaml(value: unknown): string {
  const s = scalar(value ?? null) ?? isEmptyContainer(value);
  if (s !== undefined) return `${s}\n`;
  return write(value, '', '');
}
