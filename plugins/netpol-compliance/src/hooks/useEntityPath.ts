import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/**
 * A function from an entity (or ref) to its catalog page path; undefined when
 * the catalog's routes are not bound in this app.
 */
export function useEntityPathFunc():
  | ((entity: Entity | CompoundEntityRef | string) => string)
  | undefined {
  const route = useOptionalRouteRef(entityRouteRef);
  if (!route) return undefined;
  return entity => route(entityRouteParams(entity));
}

/** The entity page path, or undefined when the catalog routes are not bound. */
export function useEntityPath(entity: Entity): string | undefined {
  return useEntityPathFunc()?.(entity);
}
