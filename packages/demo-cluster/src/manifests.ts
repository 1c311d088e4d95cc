/**
 * Loading manifests from a folder, with the one manifest reader the
 * `netpol-compliance` CLI uses (@netpol/netpol-compliance-cli): the same
 * files, the same YAML/JSON rules, invalid policies and duplicate objects
 * refused as `kubectl apply` would, documents that are not Kubernetes
 * objects (values.yaml, Chart.yaml) skipped with a warning. What the demo
 * adds is what serving needs: `kind: List` items become separate objects,
 * and each needs a name. Problems come back per file instead of thrown, so
 * one broken example is reported by name rather than crashing the demo.
 */
import fs from 'node:fs';
import {
  CliIo,
  ManifestProblem,
  nodeIo,
  readManifests,
} from '@netpol/netpol-compliance-cli';

export interface ManifestError {
  /** The file the problem is in (the folder joined with its relative path). */
  file: string;
  /** `line N: ...` when the reader knows the line. */
  message: string;
}

export interface LoadedManifests {
  objects: object[];
  errors: ManifestError[];
  /** Documents skipped because they are no Kubernetes object; not fatal. */
  warnings: ManifestError[];
}

function toError(p: ManifestProblem): ManifestError {
  const where =
    p.line === undefined
      ? ''
      : `line ${p.line}${p.column === undefined ? '' : `:${p.column}`}: `;
  return { file: p.file, message: `${where}${p.message}` };
}

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `List`, `PodList`, ...: the reader keeps lists whole; a server stores their items. */
function itemsOf(obj: Record<string, any>): unknown[] {
  return typeof obj.kind === 'string' &&
    obj.kind.endsWith('List') &&
    Array.isArray(obj.items)
    ? obj.items
    : [obj];
}

function load(paths: string[], io: CliIo): LoadedManifests {
  const read = readManifests(paths, io);
  const objects: object[] = [];
  const errors = read.errors.map(toError);
  for (const obj of read.objects) {
    for (const item of itemsOf(obj)) {
      const name = isMapping(item) ? item.metadata?.name : undefined;
      if (typeof name !== 'string' || name === '') {
        const kind = isMapping(item) ? String(item.kind) : 'item';
        errors.push({
          file: '(manifests)',
          message: `a ${kind} has no metadata.name: the API server stores no object without one`,
        });
      } else {
        objects.push(item as object);
      }
    }
  }
  return { objects, errors, warnings: read.warnings.map(toError) };
}

/**
 * Parses the text of one manifest file (any number of `---` documents).
 * `file` names the file in problems and decides the format (`.json` is
 * JSON, anything else YAML).
 */
export function parseManifests(text: string, file: string): LoadedManifests {
  const io: CliIo = {
    ...nodeIo(),
    stat: () => ({ kind: 'file', realPath: file }),
    readFile: () => text,
  };
  return load([file], io);
}

/**
 * Loads every `.yaml`, `.yml` and `.json` file under `dir` (recursively, in
 * name order, skipping dot-files). Throws only when `dir` itself cannot be
 * read; problems inside files come back in `errors`, each naming its file.
 */
export function loadManifests(dir: string): LoadedManifests {
  fs.statSync(dir); // a missing folder is the caller's error, not a file's
  return load([dir], nodeIo());
}
