/**
 * What a demo cluster serves, and how it changes: set outright (tests) or
 * reloaded from the manifests (SIGHUP, `--watch`). Either way the store
 * swaps its data in one step, so a request sees the old data or the new,
 * never a mix, and continue tokens from before a change expire (410).
 */
import { ObjectChanges, diffObjects, hasChanges } from './changes';
import { ManifestError } from './manifests';
import { IgnoredObject, ObjectStore } from './store';

/** The outcome of a reload. */
export interface ReloadResult {
  /**
   * Problems with the files (each named); when there are any, nothing
   * changed and the last good objects are still served.
   */
  errors: ManifestError[];
  /** What changed; all empty on errors or when the files say the same. */
  changes: ObjectChanges;
  /**
   * The list resourceVersion before and after. It moves forward only when
   * something changed, so clients' continue tokens survive a no-op reload.
   */
  resourceVersion: { before: string; after: string };
}

export type LoadObjects = () => { objects: object[]; errors: ManifestError[] };

export class ServedData {
  private ignoredObjects: IgnoredObject[] = [];
  // What the store was last given, to tell what a reload changes. The
  // store never mutates its input, so keeping the reference is enough.
  private lastInput: readonly object[] = [];

  constructor(readonly store: ObjectStore) {}

  get ignored(): readonly IgnoredObject[] {
    return this.ignoredObjects;
  }

  set(objects: readonly object[]): void {
    this.ignoredObjects = this.store.replace(objects).ignored;
    this.lastInput = objects;
  }

  /**
   * Loads again and serves the result if it differs. Never throws for
   * bad files or a vanished folder: those come back in `errors`.
   */
  reload(load: LoadObjects, folder: string): ReloadResult {
    const before = this.store.resourceVersion;
    let loaded: ReturnType<LoadObjects>;
    try {
      loaded = load();
    } catch (e) {
      loaded = {
        objects: [],
        errors: [{ file: folder, message: (e as Error).message }],
      };
    }
    if (loaded.errors.length > 0) {
      return {
        errors: loaded.errors,
        changes: { added: [], removed: [], changed: [] },
        resourceVersion: { before, after: before },
      };
    }
    const changes = diffObjects(this.lastInput, loaded.objects);
    if (hasChanges(changes)) this.set(loaded.objects);
    return {
      errors: [],
      changes,
      resourceVersion: { before, after: this.store.resourceVersion },
    };
  }
}
