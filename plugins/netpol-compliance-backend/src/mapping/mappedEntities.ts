import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@netpol/plugin-netpol-compliance-common';

/**
 * Every catalog entity with a kubernetes mapping annotation, with the fields
 * the mapping and the owner index read, fetched with the plugin's own
 * credentials: owners are shown to everyone allowed the overview, and told
 * of regressions (see the README's access rule).
 */
export async function loadMappedEntities(deps: { catalog: CatalogService; auth: AuthService }): Promise<Entity[]> {
  const { items } = await deps.catalog.getEntities(
    {
      filter: [
        { [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: CATALOG_FILTER_EXISTS },
        { [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]: CATALOG_FILTER_EXISTS },
        { [`metadata.annotations.${ANNOTATION_KUBERNETES_NAMESPACE}`]: CATALOG_FILTER_EXISTS },
      ],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.owner', 'relations'],
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  return items as Entity[];
}
