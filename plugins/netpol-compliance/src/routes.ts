import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The overview page, `/netpol-compliance` by default. Created with
 * core-plugin-api so that one ref serves both frontend systems.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'netpol-compliance' });

/**
 * A control's documentation page, below the overview.
 *
 * @public
 */
export const controlRouteRef = createSubRouteRef({
  id: 'netpol-compliance/control',
  parent: rootRouteRef,
  path: '/controls/:id',
});

/** The entity tab. @public */
export const entityContentRouteRef = createRouteRef({
  id: 'netpol-compliance/entity-content',
});
