/**
 * Watching a manifests folder for the demo cluster's `--watch`: any change
 * to a `.yaml`, `.yml` or `.json` file below it (not dot-files: editors'
 * swap files) calls `onChange` once the writes have settled.
 */
import fs from 'node:fs';
import path from 'node:path';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Whether a changed path (relative to the folder) can change what is served. */
export function isManifestChange(relativePath: string | null): boolean {
  // Some platforms do not say which file changed: reload to be safe.
  if (relativePath === null) return true;
  const segments = relativePath.split(/[\\/]/);
  if (segments.some(s => s.startsWith('.'))) return false;
  return MANIFEST_FILE.test(relativePath);
}

export interface FolderWatch {
  close(): void;
}

/**
 * Calls `onChange` `debounceMs` after the last change in a burst: saving a
 * file is often several events (truncate, write, rename), and a reload in
 * the middle would read a half-written file. `onError` hears a watcher that
 * failed (e.g. the inotify limit); the folder is then no longer watched.
 */
export function watchFolder(
  dir: string,
  onChange: () => void,
  onError: (error: Error) => void,
  debounceMs = 200,
): FolderWatch {
  let timer: NodeJS.Timeout | undefined;
  const watcher = fs.watch(
    path.resolve(dir),
    { recursive: true, persistent: false },
    (_event, filename) => {
      if (!isManifestChange(filename === null ? null : String(filename))) {
        return;
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        onChange();
      }, debounceMs);
    },
  );
  watcher.on('error', error => {
    if (timer) clearTimeout(timer);
    watcher.close();
    onError(error);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
