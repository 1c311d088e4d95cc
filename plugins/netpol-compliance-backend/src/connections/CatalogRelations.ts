import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CatalogComponent } from '@netpol/plugin-netpol-compliance-common';
import type { EntityMappingOptions } from '../mapping/entityMapping';
import { readCatalogComponents } from './catalogComponents';

/**
 * The catalog's components and their relations, for the scans to check
 * declared connections against (NETPOL-007). Read once for all the
 * clusters a run scans (they start within seconds of each other), shared
 * by concurrent callers, and read again once `maxAgeMs` is up. A failed
 * read is logged and answered with nothing: the connections then stay
 * `unknown`, never a pass.
 */
export class CatalogRelations {
  private cached?: { at: number; components: CatalogComponent[] };
  private reading?: Promise<CatalogComponent[] | undefined>;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      mapping?: EntityMappingOptions;
      maxAgeMs?: number;
      now?: () => number;
    },
  ) {}

  get(): Promise<CatalogComponent[] | undefined> {
    const now = this.deps.now ?? Date.now;
    const maxAge = this.deps.maxAgeMs ?? 60_000;
    if (this.cached && now() - this.cached.at < maxAge) {
      return Promise.resolve(this.cached.components);
    }
    if (!this.reading) {
      const at = now();
      this.reading = readCatalogComponents(this.deps.catalog, this.deps.auth, this.deps.mapping)
        .then(components => {
          this.cached = { at, components };
          return components;
        })
        .catch(error => {
          this.deps.logger.warn('Catalog relations could not be read; declared connections stay unknown', {
            error: error instanceof Error ? error.message : String(error),
          });
          return undefined;
        })
        .finally(() => {
          this.reading = undefined;
        });
    }
    return this.reading;
  }
}
