import { useApiHolder } from '@backstage/core-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { ANNOTATION_RUNBOOK } from '@netpol/plugin-netpol-compliance-common';

function runbookOf(entity: Entity | undefined): string | undefined {
  const url = entity?.metadata.annotations?.[ANNOTATION_RUNBOOK]?.trim();
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function ownerRefOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * The team runbook for network policy findings: the entity's
 * `netpol-compliance.io/runbook-url` annotation, else its owner's.
 */
export function useRunbookUrl(entity: Entity | undefined): string | undefined {
  const own = runbookOf(entity);
  const catalogApi = useApiHolder().get(catalogApiRef);
  const ownerRef = entity && !own ? ownerRefOf(entity) : undefined;
  const { value } = useAsync(async () => {
    if (!ownerRef || !catalogApi) return undefined;
    try {
      return runbookOf(await catalogApi.getEntityByRef(ownerRef));
    } catch {
      return undefined;
    }
  }, [ownerRef, catalogApi]);
  return own ?? value;
}
