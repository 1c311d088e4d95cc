import type { Entity } from '@backstage/catalog-model';
import type { ReportIndex } from '../store/reportParts';
import type { EntityMappingOptions } from '../mapping/entityMapping';
import type { StoredOwnerIndex } from '../store/OwnerIndexStore';
import { buildNamespaceOwnerIndex, NamespaceOwnerIndex } from './namespaceOwners';

/** Where the last index is kept across restarts (optional). */
export interface OwnerIndexPersistence {
  load(): Promise<StoredOwnerIndex | undefined>;
  save(index: StoredOwnerIndex): Promise<void>;
}

/** Which reports an index was built for: each cluster's and its scan's time. */
function signatureOf(reports: ReportIndex[]): string {
  return reports.map(r => `${r.head.cluster.name}@${r.head.scannedAt}`).join(',');
}

/** After this long, the owner index is rebuilt in the background (catalog edits). */
export const OWNER_CACHE_MS = 60_000;

/**
 * The namespace owner index of the latest reports. Rebuilt when the reports
 * change, once however many requests ask for it meanwhile (a large catalog
 * takes most of a second to read and index); when only its age is up
 * (catalog edits), the current index is served while a fresh one is built
 * in the background.
 */
export class OwnerIndexCache {
  private current?: { at: number; signature: string; index: NamespaceOwnerIndex };
  /** The build under way, shared by every request for the same reports. */
  private building?: { signature: string; promise: Promise<NamespaceOwnerIndex> };
  private refreshing = false;
  /** The index kept by an earlier run, read once. */
  private restoring?: Promise<void>;

  constructor(
    private readonly deps: {
      /** The catalog's mapped entities, read with the plugin's own credentials. */
      loadEntities: () => Promise<Entity[]>;
      mapping: EntityMappingOptions;
      persistence?: OwnerIndexPersistence;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  async get(reports: ReportIndex[]): Promise<NamespaceOwnerIndex> {
    const signature = signatureOf(reports);
    if (!this.current) await (this.restoring ??= this.restore());
    const current = this.current;
    if (current && current.signature === signature) {
      if (this.now() - current.at >= OWNER_CACHE_MS && !this.refreshing) {
        this.refreshing = true;
        this.build(reports, signature)
          .catch(() => undefined) // The current index stays; the next request retries.
          .finally(() => {
            this.refreshing = false;
          });
      }
      return current.index;
    }
    return this.build(reports, signature);
  }

  /**
   * The index in hand (or kept by an earlier run) if it was built for these
   * reports; otherwise none. Never reads the catalog and starts no refresh:
   * what can be served while the catalog may not be up yet.
   */
  async kept(reports: ReportIndex[]): Promise<NamespaceOwnerIndex | undefined> {
    if (!this.current) await (this.restoring ??= this.restore());
    return this.current?.signature === signatureOf(reports) ? this.current.index : undefined;
  }

  /**
   * After a restart: the index an earlier run built, served (and refreshed
   * in the background) when it was built for the same reports.
   */
  private async restore(): Promise<void> {
    try {
      const stored = await this.deps.persistence?.load();
      if (stored && !this.current) {
        this.current = { at: stored.at, signature: stored.signature, index: new Map(stored.entries) };
      }
    } catch {
      // None kept, or unreadable: the first request builds one.
    }
  }

  private build(reports: ReportIndex[], signature: string): Promise<NamespaceOwnerIndex> {
    if (this.building?.signature === signature) return this.building.promise;
    const promise = (async () => {
      const at = this.now();
      const entities = await this.deps.loadEntities();
      const index = await buildNamespaceOwnerIndex(entities, reports, this.deps.mapping);
      this.current = { at, signature, index };
      this.deps.persistence?.save({ signature, at, entries: [...index] }).catch(() => undefined);
      return index;
    })().finally(() => {
      if (this.building?.promise === promise) this.building = undefined;
    });
    this.building = { signature, promise };
    return promise;
  }
}
