/**
 * The request handler: faults, authentication, routing to discovery, list
 * and get, authorization, and Kubernetes-shaped errors. Plain `node:http`
 * so that nothing between the socket and the handler can change the wire
 * format the real API server would produce.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { AuthResult, authenticate, findForbiddingRule } from '../auth';
import { failure, forbidden, methodNotAllowed, objectNotFound, pathNotFound, unauthorized } from '../status';
import { objectJson } from '../store';
import { applyFault, sleep } from './faultResponse';
import { serveList } from './listResponse';
import { sendJson, sendJsonText, sendStatus, sendText } from './respond';
import { route } from './routes';
import { recordLog, ServerState } from './state';

export type { RequestLogEntry, ServerState } from './state';

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

/**
 * What a request must pass before any route: injected faults, the bearer
 * token, a read verb. The authenticated request, or undefined when a
 * response was already sent.
 */
async function admit(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<Extract<AuthResult, { ok: true }> | undefined> {
  const method = (req.method ?? 'GET').toUpperCase();
  const params = url.searchParams;
  const decision = state.faults.decide(method, url.pathname, url.search, params.has('continue'));
  if (decision.delayMs > 0) {
    await sleep(decision.delayMs, state.shutdown);
    if (res.destroyed || state.shutdown.aborted) return undefined;
  }
  if (decision.terminal && applyFault(decision.terminal, req, res, params)) {
    return undefined;
  }
  const authn = authenticate(state.auth, req.headers.authorization, url.pathname);
  if (!authn.ok) {
    sendStatus(res, unauthorized());
    return undefined;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    // Read-only by design: the compliance plugin only ever needs get/list.
    sendStatus(res, methodNotAllowed());
    return undefined;
  }
  return authn;
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse) {
  state.stats.requests += 1;
  recordLog(state, req, res);
  const url = new URL(req.url ?? '/', 'http://demo-cluster');
  const params = url.searchParams;
  const authn = await admit(state, req, res, url);
  if (!authn) return;

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
    sendStatus(res, forbidden(target.rt, verb, authn.user, target.namespace, name));
    return;
  }
  if (isWatch) {
    sendStatus(res, failure(405, 'watch is not supported by the read-only demo cluster', 'MethodNotAllowed'));
    return;
  }
  if (target.type === 'get') {
    const entry = state.store.get(target.rt, target.namespace ?? '', target.name);
    if (!entry) {
      sendStatus(res, objectNotFound(target.rt, target.name));
      return;
    }
    sendJsonText(res, 200, objectJson(entry));
    return;
  }
  await serveList(state, req, res, target.rt, target.namespace, params);
}
