import { useRouteRef } from '@backstage/core-plugin-api';
import { controlRouteRef } from '../routes';
import { useControls } from './useControls';

export interface DocsLink {
  to: string;
  external: boolean;
}

/** The docs page route, or undefined when the app has not mounted the page. */
function useControlRoute(): ((params: { id: string }) => string) | undefined {
  try {
    // useRouteRef throws when the route is not bound (a legacy app that shows
    // the tab but not the page); all its hooks run before it throws.
    return useRouteRef(controlRouteRef);
  } catch {
    return undefined;
  }
}

function isAbsoluteUrl(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/**
 * Where a control is documented: the organisation's page when configured,
 * else the plugin's docs page, else the first public reference.
 */
export function useControlDocsLink(): (control: string) => DocsLink | undefined {
  const { get } = useControls();
  const route = useControlRoute();
  return (control: string) => {
    const definition = get(control);
    if (isAbsoluteUrl(definition?.docsUrl)) {
      return { to: definition!.docsUrl!, external: true };
    }
    if (route) return { to: route({ id: control }), external: false };
    const reference = definition?.references[0];
    return reference ? { to: reference, external: true } : undefined;
  };
}
