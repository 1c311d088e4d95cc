/**
 * Loading manifests from a folder: recursive, multi-document YAML (and JSON),
 * `kind: List` expanded. Problems are collected per file instead of thrown,
 * so one broken example file is reported by name rather than hiding the
 * others or crashing the demo with a bare parser stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface ManifestError {
  /** The file the problem is in (the folder joined with its relative path). */
  file: string;
  message: string;
}

export interface LoadedManifests {
  objects: object[];
  errors: ManifestError[];
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Code-unit order, independent of locale settings. */
function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    // Sorted so that the load order (and "last one wins" on duplicates) does
    // not depend on the file system.
    const entries = fs
      .readdirSync(current, { withFileTypes: true })
      .sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (
        entry.isFile() &&
        MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())
      ) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `List`, `PodList`, ... : a list wrapper whose items are the real objects. */
function isListKind(value: Record<string, any>): boolean {
  return (
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    Array.isArray(value.items)
  );
}

function checkObject(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'is not a mapping';
  if (typeof value.apiVersion !== 'string' || !value.apiVersion) {
    return 'has no apiVersion';
  }
  if (typeof value.kind !== 'string' || !value.kind) return 'has no kind';
  if (!isPlainObject(value.metadata)) return 'has no metadata';
  if (typeof value.metadata.name !== 'string' || !value.metadata.name) {
    return 'has no metadata.name';
  }
  return undefined;
}

/**
 * Parses the text of one manifest file (any number of `---` documents).
 * `file` is only used to name the file in errors.
 */
export function parseManifests(text: string, file: string): LoadedManifests {
  const objects: object[] = [];
  const errors: ManifestError[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: true });
  // parseAllDocuments returns an EmptyStream (an array) for empty input.
  const docList = Array.isArray(docs) ? docs : [docs];
  docList.forEach((doc, index) => {
    const where = `document ${index + 1}`;
    if (doc.errors.length > 0) {
      errors.push({
        file,
        message: `${where}: invalid YAML: ${doc.errors
          .map(e => e.message)
          .join('; ')}`,
      });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return; // empty document
    const candidates: Array<{ value: unknown; label: string }> =
      isPlainObject(value) && isListKind(value)
        ? value.items.map((item: unknown, i: number) => ({
            value: item,
            label: `${where}, ${value.kind} item ${i + 1}`,
          }))
        : [{ value, label: where }];
    for (const candidate of candidates) {
      const problem = checkObject(candidate.value);
      if (problem) {
        errors.push({ file, message: `${candidate.label} ${problem}` });
      } else {
        objects.push(candidate.value as object);
      }
    }
  });
  return { objects, errors };
}

/**
 * Loads every `.yaml`, `.yml` and `.json` file under `dir` (recursively, in
 * name order, skipping dot-files). Throws only when `dir` itself cannot be
 * read; problems inside files come back in `errors`, each naming its file.
 */
export function loadManifests(dir: string): LoadedManifests {
  const objects: object[] = [];
  const errors: ManifestError[] = [];
  for (const file of listFiles(dir)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      errors.push({
        file,
        message: `cannot read file: ${(e as Error).message}`,
      });
      continue;
    }
    const result = parseManifests(text, file);
    objects.push(...result.objects);
    errors.push(...result.errors);
  }
  return { objects, errors };
}
