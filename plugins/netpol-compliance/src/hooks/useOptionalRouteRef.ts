import {
  AnyRouteRefParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * `useRouteRef`, or undefined when the app has not bound the route (a legacy
 * app that shows the tab but not the page, or has no catalog routes).
 * `useRouteRef` runs all its hooks before it throws, so the hook order stays
 * the same on every render.
 */
export function useOptionalRouteRef<Params extends AnyRouteRefParams>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
