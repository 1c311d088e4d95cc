/**
 * Writing responses. Small bodies go out in one piece with a Content-Length;
 * big lists are streamed in chunks with back-pressure, so a 100,000-pod list
 * is never built as one giant string and a slow client cannot make the
 * server buffer it all in memory.
 */
import { ServerResponse } from 'node:http';
import { StatusBody } from '../status';

const JSON_TYPE = 'application/json';
/** Flush streamed bodies in pieces of about this many characters. */
const CHUNK_CHARS = 256 * 1024;

function baseHeaders(): Record<string, string> {
  // What kube-apiserver sends on API responses.
  return { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache, private' };
}

export function sendJsonText(
  res: ServerResponse,
  code: number,
  body: string,
  extraHeaders: Record<string, string> = {},
) {
  if (res.destroyed) return;
  res.writeHead(code, {
    ...baseHeaders(),
    ...extraHeaders,
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, code: number, body: unknown) {
  sendJsonText(res, code, JSON.stringify(body));
}

export function sendStatus(
  res: ServerResponse,
  status: StatusBody,
  extraHeaders: Record<string, string> = {},
) {
  sendJsonText(res, status.code, JSON.stringify(status), extraHeaders);
}

export function sendText(res: ServerResponse, code: number, body: string) {
  if (res.destroyed) return;
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache, private',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/** Resolves on 'drain' or when the response is gone, leaving no listeners behind. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Sends `head + items.join(',') + tail`, where `itemJson` yields each item's
 * JSON (typically cached). Resolves when done or when the client went away.
 */
export async function sendJsonSequence<T>(
  res: ServerResponse,
  head: string,
  items: readonly T[],
  itemJson: (item: T) => string,
  tail: string,
): Promise<void> {
  let buffer: string[] = [head];
  let size = head.length;
  let streaming = false;

  const flush = async () => {
    if (!streaming) {
      // No Content-Length: Node switches to chunked transfer encoding.
      res.writeHead(200, baseHeaders());
      streaming = true;
    }
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    if (!res.write(chunk)) await drained(res);
  };

  for (let i = 0; i < items.length; i++) {
    if (res.destroyed) return;
    const json = itemJson(items[i]);
    buffer.push(i === 0 ? json : `,${json}`);
    size += json.length + 1;
    if (size >= CHUNK_CHARS) await flush();
  }
  buffer.push(tail);
  if (res.destroyed) return;
  if (!streaming) {
    sendJsonText(res, 200, buffer.join(''));
    return;
  }
  res.end(buffer.join(''));
}
