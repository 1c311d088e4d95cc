/**
 * A list response as kube-apiserver writes it: label and field selectors,
 * `limit` and `continue` paging over one resource version, 410 for an
 * expired token, the items streamed (gzip when asked).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ContinueToken, InvalidContinueError, decodeContinue, encodeContinue, paginate } from '../paging';
import { ResourceType, groupVersionOf } from '../resources';
import { SelectorError, compileFieldSelector, parseFieldSelector, parseLabelSelector, supportedFields } from '../selectors';
import { badRequest, continueExpired, failure, statusBody } from '../status';
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

export async function serveList(
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
