/**
 * The catalog's relations as the engine takes them: plain data, one entry
 * per Component or Resource, its kubernetes mapping (the annotations the
 * tab uses, with the backend's rules) and the refs it declares, completed
 * in the common package as the CLI completes them.
 */
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AuthService } from '@backstage/backend-plugin-api';
import {
  CatalogComponent,
  catalogComponentOf,
  catalogComponentsOf,
} from '@netpol/plugin-netpol-compliance-common';
import { EntityMappingOptions, mapEntity } from '../mapping/entityMapping';

/** One entity's relations, mapped with the backend's access rules. @public */
export function toCatalogComponent(entity: Entity, options: EntityMappingOptions = {}): CatalogComponent {
  return catalogComponentOf(entity, mapEntity(entity, options));
}

/**
 * Components and Resources of the catalog with their relations, read with
 * the plugin's own credentials (a scan is nobody's request). Unmapped ones
 * are kept: they may still be a dependency's API provider or a system member.
 * The spec fields and the catalog's relations both count (a `dependencyOf`
 * declared on the dependency gives the same connection as a `dependsOn`);
 * API entities are read for their `apiProvidedBy` / `apiConsumedBy`
 * relations only.
 */
export async function readCatalogComponents(
  catalog: CatalogService,
  auth: AuthService,
  options: EntityMappingOptions = {},
): Promise<CatalogComponent[]> {
  const { items } = await catalog.getEntities(
    {
      filter: [{ kind: 'Component' }, { kind: 'Resource' }, { kind: 'API' }],
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.dependsOn',
        'spec.dependencyOf',
        'spec.consumesApis',
        'spec.providesApis',
        'spec.system',
        'relations',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return catalogComponentsOf(items as Entity[], e => mapEntity(e as Entity, options));
}
