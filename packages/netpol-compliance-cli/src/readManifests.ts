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
 * - Each parsed object is then checked as `kubectl apply` would
 *   (checkManifestObjects.ts): invalid policies and duplicates are errors,
 *   documents that are not Kubernetes objects are skipped with a warning.
 */
import path from 'node:path';
import { ManifestChecker } from './checkManifestObjects';
import { CliIo, describeIoError } from './io';
import type {
  ManifestProblem,
  ParsedText,
  ReadManifestsResult,
} from './manifestProblem';
import { MAX_NESTING, parseManifestText } from './parseManifestText';

export type {
  ManifestObject,
  ManifestProblem,
  ObjectSource,
  ParsedText,
  ReadManifestsResult,
} from './manifestProblem';
export { formatProblem } from './manifestProblem';
export {
  jsonErrorOffset,
  parseJsonText,
  parseManifestText,
} from './parseManifestText';

export const STDIN_PATH = '-';
const STDIN_NAME = '<stdin>';
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

export function isManifestFileName(name: string): boolean {
  return MANIFEST_FILE.test(name);
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
  const checker = new ManifestChecker();
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
    let parsed: ParsedText;
    try {
      parsed = parseManifestText(text, shown, format);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // A parser's own recursion gave out: the input nests absurdly deep.
      result.errors.push({
        file: shown,
        message: `nested more than ${MAX_NESTING} levels deep: not a Kubernetes object this tool reads`,
      });
      continue;
    }
    // One by one: a `kubectl get -A` dump can hold more objects than a spread takes arguments.
    for (const e of parsed.errors) result.errors.push(e);
    for (const w of parsed.warnings) result.warnings.push(w);
    checker.checkFile(shown, text, parsed, result);
  }
  return result;
}
