/**
 * `limit`/`continue` paging with kube-apiserver semantics: the continue token
 * is opaque (URL-safe base64 of JSON, shaped like the real one: `{v, rv, start}`),
 * pages resume after the last returned key, a token minted at an older
 * resourceVersion is rejected with 410 Expired, and `remainingItemCount` is
 * only reported for unfiltered lists.
 */
import { StoredObject, compareKeys } from './store';

/** Thrown for a continue token that cannot be decoded (400). */
export class InvalidContinueError extends Error {}

/** The decoded continue token. */
export interface ContinueToken {
  /** The list resourceVersion the token was minted at; -1 = inconsistent. */
  rv: number;
  /** Namespace of the last returned item (`''` for cluster-scoped). */
  namespace: string;
  /** Name of the last returned item. */
  name: string;
}

export function encodeContinue(token: ContinueToken): string {
  // `start` is the key after which to resume, ending in \0 as in
  // kube-apiserver ("the smallest key strictly greater than the last one").
  const json = JSON.stringify({
    v: 'meta.k8s.io/v1',
    rv: token.rv,
    start: `${token.namespace}/${token.name}\u0000`,
  });
  // URL-safe alphabet without padding, as kube-apiserver (RawURLEncoding):
  // survives clients that forget to URL-encode it.
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeContinue(value: string): ContinueToken {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
    throw new InvalidContinueError(
      'continue key is not valid: illegal base64 data',
    );
  }
  let parsed: any;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw new InvalidContinueError(
      'continue key is not valid: invalid character in JSON',
    );
  }
  if (
    !parsed ||
    parsed.v !== 'meta.k8s.io/v1' ||
    typeof parsed.rv !== 'number' ||
    typeof parsed.start !== 'string' ||
    !parsed.start.endsWith('\u0000') ||
    !parsed.start.includes('/')
  ) {
    throw new InvalidContinueError(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  const start = parsed.start.slice(0, -1);
  const slash = start.indexOf('/');
  return {
    rv: parsed.rv,
    namespace: start.slice(0, slash),
    name: start.slice(slash + 1),
  };
}

/** Index of the first entry whose key is strictly greater than the given key. */
function firstAfter(
  entries: readonly StoredObject[],
  namespace: string,
  name: string,
): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = entries[mid];
    if (compareKeys(e.namespace, e.name, namespace, name) <= 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

export interface PageRequest {
  /** Max items; undefined or 0 = everything. */
  limit?: number;
  /** Resume after this key (from a decoded continue token). */
  after?: { namespace: string; name: string };
  /** Selector predicate; undefined = everything matches. */
  filter?: (entry: StoredObject) => boolean;
}

export interface Page {
  items: readonly StoredObject[];
  /** The last item returned when more matching items follow. */
  continueAfter?: StoredObject;
  /** Set (as the real server does) only for unfiltered, truncated lists. */
  remainingItemCount?: number;
}

/**
 * Cuts one page out of a sorted list. Costs O(log n + page) without a
 * filter; with a filter it scans only as far as needed to fill the page and
 * to know whether another matching item follows (so a `continue` is never
 * handed out for an empty last page).
 */
export function paginate(
  entries: readonly StoredObject[],
  req: PageRequest,
): Page {
  const start = req.after
    ? firstAfter(entries, req.after.namespace, req.after.name)
    : 0;
  const limit = req.limit && req.limit > 0 ? req.limit : undefined;

  if (!req.filter) {
    if (limit === undefined || start + limit >= entries.length) {
      return { items: start === 0 ? entries : entries.slice(start) };
    }
    const items = entries.slice(start, start + limit);
    return {
      items,
      continueAfter: items[items.length - 1],
      remainingItemCount: entries.length - (start + limit),
    };
  }

  const items: StoredObject[] = [];
  let i = start;
  for (; i < entries.length; i++) {
    if (!req.filter(entries[i])) continue;
    if (limit !== undefined && items.length === limit) {
      // One more match exists beyond the page: hand out a continue token.
      return { items, continueAfter: items[items.length - 1] };
    }
    items.push(entries[i]);
  }
  return { items };
}
