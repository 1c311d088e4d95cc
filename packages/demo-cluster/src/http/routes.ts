/**
 * Which document or resource a request path names: health, version,
 * discovery, or a list or get of a served resource (cluster-wide or in a
 * namespace). Anything else is not found, as on a real API server.
 */
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  versionInfo,
} from '../discovery';
import { ResourceType, findResourceByPlural } from '../resources';
import type { ServerState } from './state';

export type Route =
  | { type: 'text'; body: string }
  | { type: 'json'; body: unknown }
  | { type: 'list'; rt: ResourceType; namespace?: string }
  | { type: 'get'; rt: ResourceType; namespace?: string; name: string }
  | { type: 'not-found' };

/** Path segments, percent-decoded; `undefined` for undecodable paths. */
function segmentsOf(pathname: string): string[] | undefined {
  try {
    return pathname
      .split('/')
      .filter(s => s.length > 0)
      .map(s => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

export function route(state: ServerState, pathname: string): Route {
  const segments = segmentsOf(pathname);
  if (!segments) return { type: 'not-found' };
  const served = state.store.servedResources();
  const [first, ...rest] = segments;

  if (segments.length === 1 && ['healthz', 'readyz', 'livez'].includes(first)) {
    return { type: 'text', body: 'ok' };
  }
  if (segments.length === 1 && first === 'version') {
    return { type: 'json', body: versionInfo() };
  }
  if (first === 'api') {
    if (rest.length === 0) {
      return { type: 'json', body: apiVersions(state.serverAddress()) };
    }
    if (rest[0] !== 'v1') return { type: 'not-found' };
    if (rest.length === 1) {
      const body = apiResourceList(served, '', 'v1');
      return body ? { type: 'json', body } : { type: 'not-found' };
    }
    return resourceRoute(state, '', 'v1', rest.slice(1));
  }
  if (first === 'apis') {
    if (rest.length === 0) return { type: 'json', body: apiGroupList(served) };
    if (rest.length === 1) {
      const body = apiGroup(served, rest[0]);
      return body ? { type: 'json', body } : { type: 'not-found' };
    }
    if (rest.length === 2) {
      const body = apiResourceList(served, rest[0], rest[1]);
      return body ? { type: 'json', body } : { type: 'not-found' };
    }
    return resourceRoute(state, rest[0], rest[1], rest.slice(2));
  }
  return { type: 'not-found' };
}

/** Routes the part after `/api/v1` or `/apis/<group>/<version>`. */
function resourceRoute(
  state: ServerState,
  group: string,
  version: string,
  parts: string[],
): Route {
  const lookup = (plural: string) => {
    const rt = findResourceByPlural(group, version, plural);
    return rt && state.store.isServed(rt) ? rt : undefined;
  };
  // /<plural> and /<plural>/<name>
  if (parts.length <= 2) {
    const rt = lookup(parts[0]);
    if (!rt) return { type: 'not-found' };
    if (parts.length === 1) return { type: 'list', rt };
    // A namespaced object has no cluster-scoped URL.
    if (rt.namespaced) return { type: 'not-found' };
    return { type: 'get', rt, name: parts[1] };
  }
  // /namespaces/<ns>/<plural> and /namespaces/<ns>/<plural>/<name>
  if (parts[0] === 'namespaces' && (parts.length === 3 || parts.length === 4)) {
    const rt = lookup(parts[2]);
    if (!rt || !rt.namespaced) return { type: 'not-found' };
    const namespace = parts[1];
    if (parts.length === 3) return { type: 'list', rt, namespace };
    return { type: 'get', rt, namespace, name: parts[3] };
  }
  return { type: 'not-found' };
}
