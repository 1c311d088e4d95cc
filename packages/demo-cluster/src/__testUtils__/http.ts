/**
 * A minimal HTTP client for tests: raw status, headers and body, and the
 * socket-level error when the server cuts the connection (which fetch would
 * wrap into a generic "fetch failed").
 */
import http from 'node:http';

export interface TestResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): any;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
        res.on('end', () => {
          if (!res.complete) {
            reject(new Error('response incomplete'));
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function getJson(url: string, headers?: Record<string, string>) {
  const res = await request(url, { headers });
  return { status: res.status, body: res.json() };
}

/** A list URL for one page: `limit`, and the continue token when there is one. */
export function pageUrl(list: string, limit: number, cont?: string): string {
  const sep = list.includes('?') ? '&' : '?';
  return `${list}${sep}limit=${limit}${
    cont ? `&continue=${encodeURIComponent(cont)}` : ''
  }`;
}

/** The 410 kube-apiserver answers a continue token older than its data. */
export function expectContinueExpired(res: { status: number; body: any }) {
  expect(res.status).toBe(410);
  expect(res.body).toMatchObject({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    reason: 'Expired',
    code: 410,
  });
  expect(res.body.message).toMatch(
    /^The provided continue parameter is too old to display a consistent list result/,
  );
}
