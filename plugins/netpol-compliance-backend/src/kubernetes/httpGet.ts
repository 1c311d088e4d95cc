import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

/**
 * An answer's body as it came over the wire: gzip left compressed. A scan's
 * pages are moved to the scan worker this way and inflated there, so the
 * backend's event loop handles a tenth of the bytes (a large cluster's pods
 * are a gigabyte of JSON, about 100 MiB gzipped) and never inflates them.
 */
export interface WireBody {
  /** Its own buffer, whole (byteOffset 0), so that it can be transferred to a worker. */
  bytes: Uint8Array;
  gzipped: boolean;
}

export interface WireResponse {
  status: number;
  body: WireBody;
}

/** A body in an encoding the request did not accept. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`the answer came in content-encoding ${encoding}, where only gzip was accepted`);
  }
}

function joinChunks(chunks: Buffer[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/**
 * One GET accepting gzip, its body not inflated (fetch always inflates).
 * Rejects when the connection fails or is cut before the body's end, or
 * when `signal` aborts.
 */
export function httpGet(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<WireResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(target, { headers: { ...headers, 'Accept-Encoding': 'gzip' }, signal }, response => {
      const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      if (encoding !== 'gzip' && encoding !== 'identity') {
        response.destroy();
        reject(new UnsupportedEncodingError(encoding));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on('error', reject);
      response.on('close', () => {
        if (!response.complete) {
          reject(new Error('the connection closed before the answer ended'));
          return;
        }
        const bytes = joinChunks(chunks, size);
        resolve({ status: response.statusCode ?? 0, body: { bytes, gzipped: encoding === 'gzip' } });
      });
    });
    request.on('error', reject);
  });
}

const gunzipAsync = promisify(gunzip);

/** A small body's text on this thread (inflated off the event loop, by libuv's pool). */
export async function bodyText(body: WireBody): Promise<string> {
  const bytes = body.gzipped ? await gunzipAsync(body.bytes) : body.bytes;
  return new TextDecoder().decode(bytes);
}
