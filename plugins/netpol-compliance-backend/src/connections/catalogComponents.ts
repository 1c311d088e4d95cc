/**
 * The catalog's relations as the engine takes them: plain data, one entry
 * per Component or Resource, its kubernetes mapping (the annotations the
 * tab uses) and the refs it declares, made complete (`payments-api` in
 * `dependsOn` is `component:default/payments-api`, as the catalog reads it).
 */
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogComponent } from '@netpol/plugin-netpol-compliance-common';
import { EntityMappingOptions, mapEntity } from '../mapping/entityMapping';

function refs(value: unknown, defaultKind: string, defaultNamespace: string): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const v of value) {
    if (typeof v !== 'string' || !v.trim()) continue;
    try {
      out.push(stringifyEntityRef(parseEntityRef(v.trim(), { defaultKind, defaultNamespace })));
    } catch {
      // A malformed ref declares nothing we can follow.
    }
  }
  return out;
}

/** One entity's relations. @public */
export function toCatalogComponent(entity: Entity, options: EntityMappingOptions = {}): CatalogComponent {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const system = refs(typeof spec.system === 'string' ? [spec.system] : [], 'system', namespace)[0];
  return {
    ref: stringifyEntityRef(entity),
    mapping: mapEntity(entity, options),
    dependsOn: refs(spec.dependsOn, 'component', namespace),
    consumesApis: refs(spec.consumesApis, 'api', namespace),
    providesApis: refs(spec.providesApis, 'api', namespace),
    ...(system ? { system } : {}),
  };
}

/**
 * Components and Resources of the catalog with their relations, read with
 * the plugin's own credentials (a scan is nobody's request). Unmapped ones
 * are kept: they may still be a dependency's API provider or a system member.
 */
export async function readCatalogComponents(
  catalog: CatalogService,
  auth: AuthService,
  options: EntityMappingOptions = {},
): Promise<CatalogComponent[]> {
  const { items } = await catalog.getEntities(
    {
      filter: [{ kind: 'Component' }, { kind: 'Resource' }],
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.dependsOn',
        'spec.consumesApis',
        'spec.providesApis',
        'spec.system',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return (items as Entity[]).map(e => toCatalogComponent(e, options));
}
