/**
 * Injected faults as the client sees them: a delay cut short on shutdown,
 * an error status (with Retry-After), a malformed or truncated body, a
 * closed connection, an expired continue token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TerminalFault } from '../faults';
import { ContinueToken, decodeContinue, encodeContinue } from '../paging';
import { continueExpired, failure, statusBody } from '../status';
import { sendJsonText, sendStatus } from './respond';

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
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

/** The JSON for a fault's malformed body: a list cut off mid-object. */
const MALFORMED_JSON =
  '{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"trunc';

/**
 * Applies a terminal fault. Returns false when the request should be served
 * normally after all (an expire fault on a request without a valid token).
 */
export function applyFault(
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
