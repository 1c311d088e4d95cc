/**
 * Authentication (static bearer tokens) and a deny-list authorizer. Real
 * clusters reject callers with 401 and restrict them with RBAC (403); the
 * compliance scan must turn both into `unknown`, so the demo cluster can
 * produce both, with the real wording.
 */
import { ResourceType, qualifiedResource } from './resources';

/**
 * A deny rule: requests it matches get 403 Forbidden.
 *
 * Namespace scoping follows RBAC: a rule for namespace `shop` forbids
 * requests in `shop` *and* cluster-wide lists of the resource (which would
 * include `shop`'s objects), but not requests in other namespaces.
 */
export interface ForbiddenRule {
  /**
   * The resource: plural (`pods`, `networkpolicies`), qualified plural
   * (`networkpolicies.projectcalico.org`) or `*` for every resource.
   */
  resource: string;
  /** Only this API group (`''` for core). Omitted: any group. */
  group?: string;
  /** Only requests in (or spanning) this namespace. Omitted: everywhere. */
  namespace?: string;
  /** `get`, `list`, `watch`. Omitted or `*`: every verb. */
  verb?: string;
  /** Only for requests authenticated with this token. Omitted: everyone. */
  token?: string;
}

export interface AuthConfig {
  /** Accepted bearer tokens; empty = no authentication. */
  tokens: string[];
  /** Token -> user name in messages; default {@link DEFAULT_USER}. */
  users: Record<string, string>;
  forbidden: ForbiddenRule[];
}

/** The user that authenticated requests act as unless `users` maps the token. */
export const DEFAULT_USER = 'system:serviceaccount:netpol-demo:reader';
/** The user of requests when no tokens are configured. */
export const ANONYMOUS_USER = 'system:anonymous';

/** Paths kube-apiserver lets unauthenticated callers read (public-info-viewer). */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/readyz', '/livez']);

export type AuthResult =
  | { ok: true; user: string; token?: string }
  | { ok: false };

/** Checks the `Authorization` header against the configured tokens. */
export function authenticate(
  config: AuthConfig,
  authorization: string | undefined,
  pathname: string,
): AuthResult {
  if (config.tokens.length === 0) return { ok: true, user: ANONYMOUS_USER };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) {
    // No credentials at all: allowed only on public paths, like the
    // anonymous user with the default public-info-viewer binding.
    if (!authorization && PUBLIC_PATHS.has(pathname.replace(/\/+$/, ''))) {
      return { ok: true, user: ANONYMOUS_USER };
    }
    return { ok: false };
  }
  const token = match[1];
  if (!config.tokens.includes(token)) return { ok: false };
  return { ok: true, user: config.users[token] ?? DEFAULT_USER, token };
}

/**
 * The namespace RBAC sees for a request: the URL's namespace, or for
 * `get namespaces/<name>` the namespace itself.
 */
function requestNamespace(rt: ResourceType, namespace?: string, name?: string) {
  if (namespace !== undefined) return namespace;
  if (rt.group === '' && rt.plural === 'namespaces' && name !== undefined)
    return name;
  return undefined;
}

/** The first deny rule that matches the request, if any. */
export function findForbiddingRule(
  config: AuthConfig,
  request: {
    rt: ResourceType;
    verb: string;
    namespace?: string;
    name?: string;
    token?: string;
  },
): ForbiddenRule | undefined {
  const { rt, verb } = request;
  const ns = requestNamespace(rt, request.namespace, request.name);
  return config.forbidden.find(rule => {
    if (rule.token !== undefined && rule.token !== request.token) return false;
    if (
      rule.resource !== '*' &&
      rule.resource !== rt.plural &&
      rule.resource !== qualifiedResource(rt)
    ) {
      return false;
    }
    if (rule.group !== undefined && rule.group !== rt.group) return false;
    if (rule.verb !== undefined && rule.verb !== '*' && rule.verb !== verb)
      return false;
    if (rule.namespace !== undefined) {
      const spansAllNamespaces = ns === undefined && rt.namespaced;
      if (!spansAllNamespaces && ns !== rule.namespace) return false;
    }
    return true;
  });
}
