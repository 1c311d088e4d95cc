import { controlRouteRef } from '../routes';
import { useControls } from './useControls';
import { useOptionalRouteRef } from './useOptionalRouteRef';

export interface DocsLink {
  to: string;
  external: boolean;
}

function isAbsoluteUrl(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/**
 * Where a control is documented: the organisation's page when configured,
 * else the plugin's docs page, else the first public reference.
 */
export function useControlDocsLink(): (
  control: string,
) => DocsLink | undefined {
  const { get } = useControls();
  const route = useOptionalRouteRef(controlRouteRef);
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
