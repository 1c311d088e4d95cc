/**
 * Shared by `scan` and `reach`: reads the manifests, reports every problem
 * on stderr, and refuses to go on with partial input (a missing file could
 * turn a failing namespace into a passing one).
 */
import type { CliIo } from '../io';
import { formatProblem, ManifestObject, readManifests } from '../readManifests';

export type LoadResult =
  | { ok: true; objects: ManifestObject[]; files: string[] }
  | { ok: false };

export function loadManifests(paths: string[], io: CliIo): LoadResult {
  const read = readManifests(paths, io);
  for (const w of read.warnings) io.stderr(`warning: ${formatProblem(w)}\n`);
  if (read.errors.length) {
    for (const e of read.errors) io.stderr(`error: ${formatProblem(e)}\n`);
    io.stderr(
      `netpol-compliance: ${read.errors.length} problem${
        read.errors.length === 1 ? '' : 's'
      } in the input; nothing was evaluated\n`,
    );
    return { ok: false };
  }
  if (read.objects.length === 0) {
    io.stderr(
      `netpol-compliance: no Kubernetes objects in ${paths.join(', ')}\n`,
    );
    return { ok: false };
  }
  return { ok: true, objects: read.objects, files: read.files };
}
