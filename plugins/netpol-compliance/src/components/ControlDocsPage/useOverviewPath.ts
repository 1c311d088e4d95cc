import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';

/** The overview's path, when the app mounts the overview page. */
export function useOverviewPath(): string | undefined {
  return useOptionalRouteRef(rootRouteRef)?.();
}
