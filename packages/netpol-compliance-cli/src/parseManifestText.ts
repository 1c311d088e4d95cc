/**
 * The text of one manifest file to plain objects: JSON (one value) or
 * multi-document YAML. Every syntax error is located by line and column
 * with the source line as an excerpt. A document that is not a mapping is
 * skipped with a warning; one nested absurdly deep is refused with a plain
 * message (parsers and every later walk would otherwise exhaust the stack).
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { jsonErrorOffset } from './jsonErrorOffset';
import type {
  ManifestObject,
  ManifestProblem,
  ParsedText,
} from './manifestProblem';

export { jsonErrorOffset } from './jsonErrorOffset';

export function excerptAt(
  text: string,
  line: number,
  column: number,
): string | undefined {
  const source = text.split(/\r?\n/)[line - 1];
  if (source === undefined || source.trim() === '') return undefined;
  const shown = source.length > 120 ? `${source.slice(0, 117)}...` : source;
  const caret =
    column - 1 <= shown.length
      ? `\n${' '.repeat(Math.max(0, column - 1))}^`
      : '';
  return `${shown.replace(/\t/g, ' ')}${caret}`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/**
 * Deeper than any Kubernetes object (a CRD schema nests a few dozen
 * levels): past this, a document is refused with a plain message rather
 * than left to exhaust the stack of whatever walks it later.
 */
export const MAX_NESTING = 200;

export const TOO_DEEP = `nested more than ${MAX_NESTING} levels deep: not a Kubernetes object this tool reads`;

/** Whether a parsed value nests deeper than `max`, found without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children)
      if (typeof c === 'object' && c !== null) stack.push([c, depth + 1]);
  }
  return false;
}

/**
 * One parsed document: a mapping is an object to read; an empty document
 * is nothing; anything else (a JSON array written by some tool, a scalar)
 * is not a Kubernetes object and is skipped with a warning.
 */
function documentValue(
  value: unknown,
  file: string,
  line: number | undefined,
  document: number,
  out: ParsedText,
): void {
  if (value === null || value === undefined) return; // an empty document
  const at = line !== undefined ? { line } : {};
  if (nestsDeeperThan(value, MAX_NESTING)) {
    out.errors.push({ file, ...at, message: TOO_DEEP });
    return;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    out.objects.push(value as ManifestObject);
    out.sources!.push({ document, ...at });
    return;
  }
  out.warnings.push({
    file,
    ...at,
    message: `skipped: not a Kubernetes object (found ${describeValue(
      value,
    )}, not a mapping with apiVersion and kind)`,
  });
}

function isStackOverflow(message: string): boolean {
  return /Maximum call stack size exceeded/i.test(message);
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(
  text: string,
  offset: number,
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Parses one JSON value; a syntax error is located by line and column. */
export function parseJsonText(
  text: string,
  file: string,
): { ok: true; value: unknown } | { ok: false; error: ManifestProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const offset = jsonErrorOffset(text);
    if (offset === undefined) {
      return {
        ok: false,
        error: {
          file,
          message: `JSON syntax error: ${(error as Error).message}`,
        },
      };
    }
    const what =
      offset >= text.length
        ? 'unexpected end of input'
        : `unexpected ${JSON.stringify(text[offset])}`;
    const { line, column } = lineAndColumn(text, offset);
    const excerpt = excerptAt(text, line, column);
    return {
      ok: false,
      error: {
        file,
        line,
        column,
        message: `JSON syntax error: ${what}`,
        ...(excerpt ? { excerpt } : {}),
      },
    };
  }
}

function parseJson(text: string, file: string): ParsedText {
  const out: ParsedText = {
    objects: [],
    sources: [],
    errors: [],
    warnings: [],
  };
  const parsed = parseJsonText(text, file);
  if (!parsed.ok) out.errors.push(parsed.error);
  else documentValue(parsed.value, file, 1, 0, out);
  return out;
}

function parseYaml(text: string, file: string): ParsedText {
  const out: ParsedText = {
    objects: [],
    sources: [],
    errors: [],
    warnings: [],
  };
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    merge: true,
  });
  const locate = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    const excerpt = excerptAt(text, line, col);
    return { line, column: col, ...(excerpt ? { excerpt } : {}) };
  };
  documents.forEach((doc, index) => {
    for (const e of doc.errors) {
      out.errors.push({
        file,
        ...locate(e.pos?.[0]),
        message: isStackOverflow(e.message)
          ? TOO_DEEP
          : `YAML syntax error: ${e.message}`,
      });
    }
    for (const w of doc.warnings) {
      out.warnings.push({
        file,
        ...locate(w.pos?.[0]),
        message: `YAML warning: ${w.message}`,
      });
    }
    if (doc.errors.length) return;
    const start = doc.contents?.range?.[0] ?? doc.range?.[0];
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const message = (error as Error).message;
      out.errors.push({
        file,
        ...locate(start),
        message: isStackOverflow(message) ? TOO_DEEP : `YAML error: ${message}`,
      });
      return;
    }
    documentValue(
      value,
      file,
      start === undefined ? undefined : lineCounter.linePos(start).line,
      index,
      out,
    );
  });
  return out;
}

/**
 * Parses one input. `format` is `json` for JSON, `yaml` for YAML (which
 * also reads JSON, more slowly), `auto` to sniff the first character.
 */
export function parseManifestText(
  text: string,
  file: string,
  format: 'json' | 'yaml' | 'auto' = 'yaml',
): ParsedText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // byte order mark
  let chosen = format;
  if (chosen === 'auto') chosen = /^\s*[[{]/.test(body) ? 'json' : 'yaml';
  return chosen === 'json' ? parseJson(body, file) : parseYaml(body, file);
}
