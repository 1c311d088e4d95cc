/**
 * Files and folders of manifests to plain Kubernetes objects.
 *
 * - YAML files may hold several documents (`---`); JSON files hold one
 *   value. Either may be a `kind: List` (the output of `kubectl get -o
 *   yaml|json`): lists are passed on whole, the engine flattens them.
 * - Folders are read recursively, in name order, keeping `*.yaml`, `*.yml`
 *   and `*.json`; entries whose name starts with a dot (`.git`, `.github`)
 *   are left out. A file named on the command line is read whatever its
 *   extension (`.json` is JSON, anything else YAML, which covers JSON too).
 * - `-` reads standard input (JSON when it starts with `{` or `[`, YAML
 *   otherwise).
 * - Every problem is collected with its file (and line and column where
 *   the parser knows them), so one run reports them all.
 */
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { CliIo, describeIoError } from './io';

/** A Kubernetes object, as parsed. */
export type ManifestObject = Record<string, any>;

/** A problem with one input, located as precisely as the parser allows. */
export interface ManifestProblem {
  /** The path as given (or found under a folder), `<stdin>` for `-`. */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  message: string;
  /** The offending source line with a caret under the column. */
  excerpt?: string;
}

export interface ParsedText {
  objects: ManifestObject[];
  errors: ManifestProblem[];
  warnings: ManifestProblem[];
}

export interface ReadManifestsResult extends ParsedText {
  /** Files read, in order. */
  files: string[];
}

export const STDIN_PATH = '-';
const STDIN_NAME = '<stdin>';
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** `file:line:column: message`, then the excerpt, indented. */
export function formatProblem(problem: ManifestProblem): string {
  let where = problem.file;
  if (problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  const excerpt = problem.excerpt
    ? `\n${problem.excerpt
        .split('\n')
        .map(l => `    ${l}`)
        .join('\n')}`
    : '';
  return `${where}: ${problem.message}${excerpt}`;
}

export function isManifestFileName(name: string): boolean {
  return MANIFEST_FILE.test(name);
}

function excerptAt(
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

function checkObject(
  value: unknown,
  file: string,
  line: number | undefined,
  out: ParsedText,
): void {
  if (value === null || value === undefined) return; // an empty document
  if (typeof value === 'object' && !Array.isArray(value)) {
    out.objects.push(value as ManifestObject);
    return;
  }
  out.errors.push({
    file,
    ...(line !== undefined ? { line } : {}),
    message: `expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found ${describeValue(
      value,
    )}`,
  });
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

/**
 * Where JSON.parse gave up: the offset of the first character that is not
 * valid JSON (the text's length when it ends too early). JSON.parse's own
 * messages carry no position on some Node versions, so the text is scanned
 * again, only when it failed.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const space = () => {
    while (
      i < text.length &&
      (text[i] === ' ' ||
        text[i] === '\t' ||
        text[i] === '\n' ||
        text[i] === '\r')
    )
      i++;
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i])) {
          i++;
        } else {
          fail();
        }
      } else if (c.charCodeAt(0) < 0x20) {
        fail();
      } else {
        i++;
      }
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (error) {
    if (error instanceof JsonStop) return error.offset;
    return undefined; // nested too deep to scan: no position
  }
  return undefined;
}

class JsonStop {
  constructor(readonly offset: number) {}
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
  const out: ParsedText = { objects: [], errors: [], warnings: [] };
  const parsed = parseJsonText(text, file);
  if (!parsed.ok) out.errors.push(parsed.error);
  else checkObject(parsed.value, file, 1, out);
  return out;
}

function parseYaml(text: string, file: string): ParsedText {
  const out: ParsedText = { objects: [], errors: [], warnings: [] };
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
  for (const doc of documents) {
    for (const e of doc.errors) {
      out.errors.push({
        file,
        ...locate(e.pos?.[0]),
        message: `YAML syntax error: ${e.message}`,
      });
    }
    for (const w of doc.warnings) {
      out.warnings.push({
        file,
        ...locate(w.pos?.[0]),
        message: `YAML warning: ${w.message}`,
      });
    }
    if (doc.errors.length) continue;
    const start = doc.contents?.range?.[0] ?? doc.range?.[0];
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      out.errors.push({
        file,
        ...locate(start),
        message: `YAML error: ${(error as Error).message}`,
      });
      continue;
    }
    checkObject(
      value,
      file,
      start === undefined ? undefined : lineCounter.linePos(start).line,
      out,
    );
  }
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

/**
 * The files to read for the paths given: files as they are, folders
 * walked. Each file once, even when reached twice.
 */
export function findManifestFiles(
  paths: string[],
  io: Pick<CliIo, 'stat' | 'readDir'>,
): { files: string[]; errors: ManifestProblem[] } {
  const files: string[] = [];
  const errors: ManifestProblem[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const addFile = (shown: string, realPath: string) => {
    if (seenFiles.has(realPath)) return;
    seenFiles.add(realPath);
    files.push(shown);
  };

  const walk = (dir: string, realDir: string): number => {
    if (seenDirs.has(realDir)) return 0;
    seenDirs.add(realDir);
    let names: string[];
    try {
      names = io.readDir(dir);
    } catch (error) {
      errors.push({
        file: dir,
        message: `cannot read folder: ${describeIoError(error)}`,
      });
      return 0;
    }
    let found = 0;
    for (const name of [...names].sort()) {
      if (name.startsWith('.')) continue;
      const child = path.join(dir, name);
      let info;
      try {
        info = io.stat(child);
      } catch (error) {
        if (isManifestFileName(name))
          errors.push({
            file: child,
            message: `cannot read: ${describeIoError(error)}`,
          });
        continue; // e.g. a dangling link that is no manifest anyway
      }
      if (info.kind === 'directory') {
        found += walk(child, info.realPath);
      } else if (info.kind === 'file' && isManifestFileName(name)) {
        addFile(child, info.realPath);
        found++;
      }
    }
    return found;
  };

  for (const p of paths) {
    if (p === STDIN_PATH) {
      if (!seenFiles.has(STDIN_PATH)) {
        seenFiles.add(STDIN_PATH);
        files.push(STDIN_PATH);
      }
      continue;
    }
    let info;
    try {
      info = io.stat(p);
    } catch (error) {
      errors.push({
        file: p,
        message: `cannot read: ${describeIoError(error)}`,
      });
      continue;
    }
    if (info.kind === 'directory') {
      if (walk(p, info.realPath) === 0 && !errors.some(e => e.file === p)) {
        errors.push({
          file: p,
          message: 'no manifests (*.yaml, *.yml, *.json) in this folder',
        });
      }
    } else if (info.kind === 'file') {
      addFile(p, info.realPath);
    } else {
      errors.push({ file: p, message: 'not a file or folder' });
    }
  }
  return { files, errors };
}

/** Reads and parses every manifest under `paths`. */
export function readManifests(
  paths: string[],
  io: Pick<CliIo, 'stat' | 'readDir' | 'readFile' | 'readStdin'>,
): ReadManifestsResult {
  const found = findManifestFiles(paths, io);
  const result: ReadManifestsResult = {
    objects: [],
    errors: [...found.errors],
    warnings: [],
    files: found.files,
  };
  for (const file of found.files) {
    const stdin = file === STDIN_PATH;
    const shown = stdin ? STDIN_NAME : file;
    let text: string;
    try {
      text = stdin ? io.readStdin() : io.readFile(file);
    } catch (error) {
      result.errors.push({
        file: shown,
        message: `cannot read: ${describeIoError(error)}`,
      });
      continue;
    }
    let format: 'json' | 'yaml' | 'auto' = 'yaml';
    if (stdin) format = 'auto';
    else if (/\.json$/i.test(file)) format = 'json';
    const parsed = parseManifestText(text, shown, format);
    // One by one: a `kubectl get -A` dump can hold more objects than a spread takes arguments.
    for (const o of parsed.objects) result.objects.push(o);
    for (const e of parsed.errors) result.errors.push(e);
    for (const w of parsed.warnings) result.warnings.push(w);
  }
  return result;
}
