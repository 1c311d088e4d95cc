/**
 * A list response as kube-apiserver writes it: label and field selectors,
 * `limit` and `continue` paging over one resource version, 410 for an
 * expired token, the items streamed (gzip when asked).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ContinueToken, InvalidContinueError, Page, decodeContinue, encodeContinue, paginate } from '../paging';
import { ResourceType, groupVersionOf } from '../resources';
import { SelectorError, compileFieldSelector, parseFieldSelector, parseLabelSelector, supportedFields } from '../selectors';
import { badRequest, continueExpired, failure, StatusBody, statusBody } from '../status';
import { StoredObject, itemJson } from '../store';
import { acceptsGzip, sendJsonSequence, sendStatus } from './respond';
import type { ServerState } from './state';

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

/** A step's value, or the Status that answers the request instead. */
type Step<T> = { value: T } | { status: StatusBody };

/** The label and field selectors as one filter (undefined: none given). */
function listFilter(rt: ResourceType, params: URLSearchParams): Step<((entry: StoredObject) => boolean) | undefined> {
  try {
    const labels = parseLabelSelector(params.get('labelSelector') ?? '');
    const fields = parseFieldSelector(params.get('fieldSelector') ?? '');
    const fieldMatch = fields.empty ? undefined : compileFieldSelector(fields, supportedFields(rt.plural, rt.group));
    if (labels.empty && !fieldMatch) return { value: undefined };
    return {
      value: entry =>
        (labels.empty || labels.matches(entry.object.metadata.labels)) && (!fieldMatch || fieldMatch(entry.object)),
    };
  } catch (e) {
    if (e instanceof SelectorError) return { status: badRequest(e.message) };
    throw e;
  }
}

/** Where a continued list resumes; refused when the data changed since the token. */
function continuation(token: string, requestedRv: string, currentRv: string): Step<{ namespace: string; name: string }> {
  if (requestedRv !== '' && requestedRv !== '0') {
    return { status: badRequest('specifying resource version is not allowed when using continue') };
  }
  let decoded: ContinueToken;
  try {
    decoded = decodeContinue(token);
  } catch (e) {
    if (e instanceof InvalidContinueError) return { status: badRequest(e.message) };
    throw e;
  }
  // The data changed since the token was minted: a consistent continuation
  // is impossible, exactly the situation of an etcd compaction. A token
  // with rv -1 (from a 410) asks for an inconsistent continuation.
  if (decoded.rv !== -1 && String(decoded.rv) !== currentRv) {
    return { status: continueExpired(encodeContinue({ ...decoded, rv: -1 })) };
  }
  return { value: { namespace: decoded.namespace, name: decoded.name } };
}

/**
 * A list at a given resourceVersion: only the current state exists, so an
 * exact older version is gone and a newer one is not there yet (the real
 * server waits, then gives up). Undefined: serve the current state.
 */
function versionRefusal(requestedRv: string, currentRv: string, params: URLSearchParams): StatusBody | undefined {
  if (requestedRv === '' || requestedRv === '0') return undefined;
  const requested = Number(requestedRv);
  if (!Number.isSafeInteger(requested)) return badRequest(`invalid resource version: ${requestedRv}`);
  if (params.get('resourceVersionMatch') === 'Exact' && requestedRv !== currentRv) {
    return failure(410, `too old resource version: ${requestedRv} (${currentRv})`, 'Expired');
  }
  if (requested > Number(currentRv)) {
    return statusBody(504, 'Timeout', `Too large resource version: ${requestedRv}, current: ${currentRv}`, {
      retryAfterSeconds: 1,
    });
  }
  return undefined;
}

/** The list's JSON up to its items: kind, apiVersion, metadata with the continue token. */
function listHead(rt: ResourceType, currentRv: string, page: Page): string {
  const metadata: Record<string, unknown> = { resourceVersion: currentRv };
  if (page.continueAfter) {
    metadata.continue = encodeContinue({
      rv: Number(currentRv),
      namespace: page.continueAfter.namespace,
      name: page.continueAfter.name,
    });
  }
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  return `{"kind":${JSON.stringify(`${rt.kind}List`)},"apiVersion":${JSON.stringify(
    groupVersionOf(rt),
  )},"metadata":${JSON.stringify(metadata)},"items":[`;
}

export async function serveList(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  rt: ResourceType,
  namespace: string | undefined,
  params: URLSearchParams,
): Promise<void> {
  const currentRv = state.store.resourceVersion;
  const filter = listFilter(rt, params);
  if ('status' in filter) {
    sendStatus(res, filter.status);
    return;
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
    const resumed = continuation(continueParam, requestedRv, currentRv);
    if ('status' in resumed) {
      sendStatus(res, resumed.status);
      return;
    }
    after = resumed.value;
  } else {
    const refused = versionRefusal(requestedRv, currentRv, params);
    if (refused) {
      sendStatus(res, refused);
      return;
    }
  }
  const page = paginate(state.store.list(rt, namespace), { limit, after, filter: filter.value });
  await sendJsonSequence(res, listHead(rt, currentRv, page), page.items, itemJson, ']}', {
    gzip: acceptsGzip(req),
  });
}
