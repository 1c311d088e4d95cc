/**
 * A failed Kubernetes request in the plugin's own words. Upstream text
 * (a Status message, a proxy's error page) can hold addresses, user names
 * or anything a cluster echoes: it is kept apart for the log, never put in
 * a message that is stored or shown.
 */

/**
 * A Kubernetes API answer that was not a success. `status` 0 means the
 * request never got an answer (timeout, connection refused).
 *
 * The message is always the plugin's own words, safe to store and show to
 * any reader. Whatever the cluster or the proxy said (addresses, user names,
 * text a cluster echoes) is kept apart in `detail`, for the log only.
 */
export class KubernetesRequestError extends Error {
  readonly status: number;
  /** The Kubernetes `Status.reason` when the API server sent one. */
  readonly reason?: string;
  /** Upstream text: for the log, never for reports or responses. */
  readonly detail?: string;

  constructor(message: string, status: number, reason?: string, detail?: string) {
    super(message);
    this.name = 'KubernetesRequestError';
    this.status = status;
    this.reason = reason;
    this.detail = detail;
  }
}

/** Kubernetes `Status.reason` values are CamelCase words; anything else is not repeated. */
const STATUS_REASON = /^[A-Za-z]{1,40}$/;

/** The plugin's words for an HTTP status, with no upstream text in them. */
function describeStatus(status: number): string {
  if (status === 401) return 'the cluster did not accept the credentials';
  if (status === 403) return 'the cluster refused the request: forbidden';
  if (status === 404) return 'not found';
  if (status === 410) return 'the list changed while it was read';
  if (status === 429) return 'the cluster is throttling requests';
  if (status === 504) return 'timed out in the kubernetes proxy';
  if (status >= 500) return 'the cluster or the kubernetes proxy answered with an error';
  return 'the request failed';
}

/**
 * Builds an error from a failed answer. The message names the status and,
 * from a Kubernetes `Status` body, only its `reason` word; the body's free
 * text (which may hold addresses, user names, or anything a cluster echoes)
 * goes to `detail`, for the log.
 */
export function errorFromResponse(
  status: number,
  text: string,
): KubernetesRequestError {
  let reason: string | undefined;
  let detail: string | undefined;
  try {
    const body = JSON.parse(text);
    if (body?.kind === 'Status') {
      if (typeof body.reason === 'string' && STATUS_REASON.test(body.reason)) {
        reason = body.reason;
      }
      detail = typeof body.message === 'string' ? body.message : undefined;
    } else if (typeof body?.error?.message === 'string') {
      detail = body.error.message;
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status line is enough.
  }
  const message = `${describeStatus(status)} (HTTP ${status}${reason ? `, ${reason}` : ''})`;
  return new KubernetesRequestError(message, status, reason, detail?.slice(0, 1000));
}
