/**
 * Writing responses. Small bodies go out in one piece with a Content-Length;
 * big lists are streamed in chunks with back-pressure, so a 100,000-pod list
 * is never built as one giant string and a slow client cannot make the
 * server buffer it all in memory. Like kube-apiserver (APIResponseCompression,
 * on by default), big bodies are gzipped at level 1 when the client accepts
 * gzip: proxies in front of a real cluster pass such bodies through as they
 * are, and the demo should cost them what a real cluster costs them.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
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

/** Whether the request accepts a gzip body (`Accept-Encoding`, q > 0). */
export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  if (!header) return false;
  return String(header)
    .split(',')
    .some(part => {
      const [coding, ...params] = part.trim().toLowerCase().split(';');
      if (coding !== 'gzip' && coding !== '*') return false;
      const q = params.find(p => p.trim().startsWith('q='));
      return !q || Number(q.trim().slice(2)) > 0;
    });
}

/** Resolves on 'drain' or when the stream is gone, leaving no listeners behind. */
function drained(res: Writable): Promise<void> {
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
 * A body big enough to stream is gzipped when `gzip` is set (the client
 * accepts it): every streamed body is above kube-apiserver's 128 KiB
 * threshold.
 */
export async function sendJsonSequence<T>(
  res: ServerResponse,
  head: string,
  items: readonly T[],
  itemJson: (item: T) => string,
  tail: string,
  options: { gzip?: boolean } = {},
): Promise<void> {
  let buffer: string[] = [head];
  let size = head.length;
  let sink: Writable | undefined;

  const startStreaming = (): Writable => {
    // No Content-Length: Node switches to chunked transfer encoding.
    if (!options.gzip) {
      res.writeHead(200, baseHeaders());
      return res;
    }
    res.writeHead(200, {
      ...baseHeaders(),
      'Content-Encoding': 'gzip',
      Vary: 'Accept-Encoding',
    });
    const gzip = zlib.createGzip({ level: 1 });
    gzip.pipe(res);
    res.once('close', () => gzip.destroy());
    return gzip;
  };

  const flush = async () => {
    sink ??= startStreaming();
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    if (!sink.write(chunk)) await drained(sink);
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
  if (!sink) {
    sendJsonText(res, 200, buffer.join(''));
    return;
  }
  sink.end(buffer.join(''));
}
