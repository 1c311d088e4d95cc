/**
 * The request handler: faults, authentication, routing to discovery, list
 * and get, authorization, and Kubernetes-shaped errors. Plain `node:http`
 * so that nothing between the socket and the handler can change the wire
 * format the real API server would produce.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { AuthConfig, authenticate, findForbiddingRule } from '../auth';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  versionInfo,
} from '../discovery';
import { FaultInjector, TerminalFault } from '../faults';
import {
  ContinueToken,
  InvalidContinueError,
  decodeContinue,
  encodeContinue,
  paginate,
} from '../paging';
import {
  ResourceType,
  findResourceByPlural,
  groupVersionOf,
} from '../resources';
import {
  SelectorError,
  compileFieldSelector,
  parseFieldSelector,
  parseLabelSelector,
  supportedFields,
} from '../selectors';
import {
  badRequest,
  continueExpired,
  failure,
  forbidden,
  methodNotAllowed,
  objectNotFound,
  pathNotFound,
  statusBody,
  unauthorized,
} from '../status';
import { ObjectStore, StoredObject, itemJson, objectJson } from '../store';
import {
  acceptsGzip,
  sendJson,
  sendJsonSequence,
  sendJsonText,
  sendStatus,
  sendText,
} from './respond';

/** One served request, for assertions in tests (`DemoCluster.requestLog`). */
export interface RequestLogEntry {
  method: string;
  /** Path and query string as received. */
  url: string;
  /** HTTP status sent; 0 when the connection was closed without a response. */
  status: number;
}

/** The mutable state the handler serves from; owned by the DemoCluster. */
export interface ServerState {
  store: ObjectStore;
  auth: AuthConfig;
  faults: FaultInjector;
  /** `host:port`, for the `/api` document. */
  serverAddress: () => string;
  /** Aborted on stop, to cut injected delays short. */
  shutdown: AbortSignal;
  stats: { requests: number; log: RequestLogEntry[] };
}

/** Keep at most this many log entries (oldest dropped), to bound memory in benchmarks. */
const MAX_LOG_ENTRIES = 10_000;

type Route =
  | { type: 'text'; body: string }
  | { type: 'json'; body: unknown }
  | { type: 'list'; rt: ResourceType; namespace?: string }
  | { type: 'get'; rt: ResourceType; namespace?: string; name: string }
  | { type: 'not-found' };

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve();
      return;
    }
    let timer: NodeJS.Timeout | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

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

function route(state: ServerState, pathname: string): Route {
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

/** The JSON for a fault's malformed body: a list cut off mid-object. */
const MALFORMED_JSON =
  '{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"trunc';

/**
 * Applies a terminal fault. Returns false when the request should be served
 * normally after all (an expire fault on a request without a valid token).
 */
function applyFault(
  fault: TerminalFault,
  req: IncomingMessage,
  res: ServerResponse,
  params: URLSearchParams,
): boolean {
  switch (fault.type) {
    case 'status': {
      const headers: Record<string, string> = {};
      let body = failure(fault.status, fault.message);
      if (fault.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(fault.retryAfterSeconds);
        body = statusBody(body.code, body.reason, body.message, {
          retryAfterSeconds: fault.retryAfterSeconds,
        });
      }
      sendStatus(res, body, headers);
      return true;
    }
    case 'malformed-json':
      sendJsonText(res, 200, MALFORMED_JSON);
      return true;
    case 'close':
      if (!fault.midBody) {
        req.socket.destroy();
        return true;
      }
      // Promise more than is sent, so the client sees a truncated body.
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': String(MALFORMED_JSON.length * 4),
      });
      res.write(MALFORMED_JSON, () => req.socket.destroy());
      return true;
    case 'expire-continue': {
      let token: ContinueToken | undefined;
      try {
        token = decodeContinue(params.get('continue') ?? '');
      } catch {
        token = undefined;
      }
      sendStatus(
        res,
        continueExpired(
          token ? encodeContinue({ ...token, rv: -1 }) : undefined,
        ),
      );
      return true;
    }
    default:
      return false;
  }
}

/** Parses `limit`; undefined for none, or a 400 message. */
function parseLimit(raw: string | null): { limit?: number; error?: string } {
  if (raw === null || raw === '') return {};
  if (!/^-?\d+$/.test(raw)) {
    return {
      error: `invalid value for limit: strconv.ParseInt: parsing "${raw}": invalid syntax`,
    };
  }
  const limit = Number(raw);
  // Like kube-apiserver, zero and negative limits mean "no limit".
  return limit > 0 ? { limit } : {};
}

async function serveList(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  rt: ResourceType,
  namespace: string | undefined,
  params: URLSearchParams,
): Promise<void> {
  const { store } = state;
  const currentRv = store.resourceVersion;

  let filter: ((entry: StoredObject) => boolean) | undefined;
  try {
    const labels = parseLabelSelector(params.get('labelSelector') ?? '');
    const fields = parseFieldSelector(params.get('fieldSelector') ?? '');
    const fieldMatch = fields.empty
      ? undefined
      : compileFieldSelector(fields, supportedFields(rt.plural, rt.group));
    if (!labels.empty || fieldMatch) {
      filter = entry =>
        (labels.empty || labels.matches(entry.object.metadata.labels)) &&
        (!fieldMatch || fieldMatch(entry.object));
    }
  } catch (e) {
    if (e instanceof SelectorError) {
      sendStatus(res, badRequest(e.message));
      return;
    }
    throw e;
  }

  const { limit, error: limitError } = parseLimit(params.get('limit'));
  if (limitError) {
    sendStatus(res, badRequest(limitError));
    return;
  }

  const requestedRv = params.get('resourceVersion') ?? '';
  const continueParam = params.get('continue') ?? '';
  let after: { namespace: string; name: string } | undefined;
  if (continueParam) {
    if (requestedRv !== '' && requestedRv !== '0') {
      sendStatus(
        res,
        badRequest(
          'specifying resource version is not allowed when using continue',
        ),
      );
      return;
    }
    let token: ContinueToken;
    try {
      token = decodeContinue(continueParam);
    } catch (e) {
      if (e instanceof InvalidContinueError) {
        sendStatus(res, badRequest(e.message));
        return;
      }
      throw e;
    }
    // The data changed since the token was minted: a consistent continuation
    // is impossible, exactly the situation of an etcd compaction. A token
    // with rv -1 (from a 410) asks for an inconsistent continuation.
    if (token.rv !== -1 && String(token.rv) !== currentRv) {
      sendStatus(res, continueExpired(encodeContinue({ ...token, rv: -1 })));
      return;
    }
    after = { namespace: token.namespace, name: token.name };
  } else if (requestedRv !== '' && requestedRv !== '0') {
    // Only the current state exists: an exact older version is gone, a
    // newer one is not there yet (the real server waits, then gives up).
    const requested = Number(requestedRv);
    if (!Number.isSafeInteger(requested)) {
      sendStatus(res, badRequest(`invalid resource version: ${requestedRv}`));
      return;
    }
    if (
      params.get('resourceVersionMatch') === 'Exact' &&
      requestedRv !== currentRv
    ) {
      sendStatus(
        res,
        failure(
          410,
          `too old resource version: ${requestedRv} (${currentRv})`,
          'Expired',
        ),
      );
      return;
    }
    if (requested > Number(currentRv)) {
      sendStatus(
        res,
        statusBody(
          504,
          'Timeout',
          `Too large resource version: ${requestedRv}, current: ${currentRv}`,
          {
            retryAfterSeconds: 1,
          },
        ),
      );
      return;
    }
  }

  const page = paginate(store.list(rt, namespace), { limit, after, filter });
  const metadata: Record<string, unknown> = { resourceVersion: currentRv };
  if (page.continueAfter) {
    metadata.continue = encodeContinue({
      rv: Number(currentRv),
      namespace: page.continueAfter.namespace,
      name: page.continueAfter.name,
    });
  }
  if (page.remainingItemCount !== undefined) {
    metadata.remainingItemCount = page.remainingItemCount;
  }
  const head = `{"kind":${JSON.stringify(
    `${rt.kind}List`,
  )},"apiVersion":${JSON.stringify(
    groupVersionOf(rt),
  )},"metadata":${JSON.stringify(metadata)},"items":[`;
  await sendJsonSequence(res, head, page.items, itemJson, ']}', {
    gzip: acceptsGzip(req),
  });
}

function recordLog(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    url: req.url ?? '',
    status: 0,
  };
  const { log } = state.stats;
  log.push(entry);
  if (log.length > MAX_LOG_ENTRIES) log.splice(0, log.length - MAX_LOG_ENTRIES);
  res.once('finish', () => {
    entry.status = res.statusCode;
  });
}

/** Builds the `http.Server` request listener for a demo cluster. */
export function createRequestListener(state: ServerState) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(state, req, res).catch(error => {
      if (!res.headersSent && !res.destroyed) {
        sendStatus(
          res,
          failure(500, `internal error: ${(error as Error)?.message ?? error}`),
        );
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
) {
  state.stats.requests += 1;
  recordLog(state, req, res);
  const url = new URL(req.url ?? '/', 'http://demo-cluster');
  const method = (req.method ?? 'GET').toUpperCase();
  const params = url.searchParams;

  const decision = state.faults.decide(
    method,
    url.pathname,
    url.search,
    params.has('continue'),
  );
  if (decision.delayMs > 0) {
    await sleep(decision.delayMs, state.shutdown);
    if (res.destroyed || state.shutdown.aborted) return;
  }
  if (decision.terminal && applyFault(decision.terminal, req, res, params)) {
    return;
  }

  const authn = authenticate(
    state.auth,
    req.headers.authorization,
    url.pathname,
  );
  if (!authn.ok) {
    sendStatus(res, unauthorized());
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    // Read-only by design: the compliance plugin only ever needs get/list.
    sendStatus(res, methodNotAllowed());
    return;
  }

  const target = route(state, url.pathname);
  switch (target.type) {
    case 'text':
      sendText(res, 200, target.body);
      return;
    case 'json':
      sendJson(res, 200, target.body);
      return;
    case 'not-found':
      sendStatus(res, pathNotFound());
      return;
    default:
      break;
  }

  const isWatch = params.get('watch') === 'true' || params.get('watch') === '1';
  let verb = isWatch ? 'watch' : 'list';
  if (target.type === 'get') verb = 'get';
  const name = target.type === 'get' ? target.name : undefined;
  const denied = findForbiddingRule(state.auth, {
    rt: target.rt,
    verb,
    namespace: target.namespace,
    name,
    token: authn.token,
  });
  if (denied) {
    sendStatus(
      res,
      forbidden(target.rt, verb, authn.user, target.namespace, name),
    );
    return;
  }
  if (isWatch) {
    sendStatus(
      res,
      failure(
        405,
        'watch is not supported by the read-only demo cluster',
        'MethodNotAllowed',
      ),
    );
    return;
  }

  if (target.type === 'get') {
    const entry = state.store.get(
      target.rt,
      target.namespace ?? '',
      target.name,
    );
    if (!entry) {
      sendStatus(res, objectNotFound(target.rt, target.name));
      return;
    }
    sendJsonText(res, 200, objectJson(entry));
    return;
  }
  await serveList(state, req, res, target.rt, target.namespace, params);
}
