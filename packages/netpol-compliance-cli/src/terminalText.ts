/**
 * Text from the input shown on a terminal. A manifest can hold any
 * character, and an escape sequence (ESC [ ...) written raw would drive the
 * terminal: move the cursor, rewrite earlier lines, change the title. Every
 * control character (C0, DEL, C1) and every bidirectional override (which
 * can make a line read differently from what it holds) is shown as an
 * escape instead: `\x1b`, `\u202e`.
 */

const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_NEWLINE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Escapes the unsafe characters of a multi-line text; newlines and tabs stay. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, c => (c === '\t' ? c : escapeChar(c)));
}

/** Escapes the unsafe characters of a one-line text, newlines included. */
export function escapeLine(text: string): string {
  return text.replace(UNSAFE_OR_NEWLINE, escapeChar);
}
