import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KubernetesBackendClient, KubernetesRequestError } from './KubernetesBackendClient';
import type { WireBody } from './httpGet';

type Answer = { status: number; body: unknown; encoding?: string; raw?: Buffer; cut?: boolean; delayMs?: number };

/**
 * A stand-in for the kubernetes backend: answers each request with
 * `handler`, gzipped when the request accepts it (as the API server does
 * for large answers) unless the answer names its own encoding.
 */
async function fakeKubernetesBackend(handler: (url: URL) => Answer) {
  const requests: string[] = [];
  const acceptEncodings: string[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(url.pathname + url.search);
    acceptEncodings.push(String(req.headers['accept-encoding']));
    const answer = handler(url);
    if (answer.delayMs) await new Promise(r => setTimeout(r, answer.delayMs));
    const json = Buffer.from(JSON.stringify(answer.body));
    const encoding = answer.encoding ?? (/gzip/.test(String(req.headers['accept-encoding'])) ? 'gzip' : 'identity');
    const bytes = answer.raw ?? (encoding === 'gzip' ? gzipSync(json) : json);
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      'content-length': String(answer.cut ? bytes.length * 2 : bytes.length),
    });
    if (answer.cut) {
      res.write(bytes.subarray(0, bytes.length >> 1));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.end(bytes);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new KubernetesBackendClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/kubernetes`,
    }),
    auth: mockServices.auth(),
    requestTimeoutMs: 5000,
    pageSize: 2,
  });
  return { client, requests, acceptEncodings, close: () => new Promise(r => server.close(r)) };
}

describe('KubernetesBackendClient', () => {
  it('stops paging when the cluster repeats a continue token', async () => {
    const backend = await fakeKubernetesBackend(() => ({
      status: 200,
      body: { kind: 'PodList', items: [{ metadata: { name: 'p' } }], metadata: { continue: 'same' } },
    }));
    try {
      const error = await backend.client.list('c', '/api/v1/pods').catch(e => e);
      expect(error).toBeInstanceOf(KubernetesRequestError);
      expect(error.message).toMatch(/repeated a continue token/);
      // The first page and the one that repeated its token: no more.
      expect(backend.requests).toHaveLength(2);
    } finally {
      await backend.close();
    }
  });

  it('pages on while each token is new', async () => {
    const backend = await fakeKubernetesBackend(url => {
      const page = Number(url.searchParams.get('continue') ?? 0);
      return {
        status: 200,
        body: { items: [{ n: page }], metadata: { continue: page < 3 ? String(page + 1) : '' } },
      };
    });
    try {
      expect(await backend.client.list('c', '/api/v1/pods')).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    } finally {
      await backend.close();
    }
  });

  it.each([
    [403, { kind: 'Status', reason: 'Forbidden', message: 'pods is forbidden: User "system:serviceaccount:ops:reader" cannot list' }, /refused the request: forbidden \(HTTP 403, Forbidden\)/],
    [500, { error: { message: 'connect ECONNREFUSED 10.1.2.3:6443' } }, /answered with an error \(HTTP 500\)/],
    [500, { kind: 'Status', reason: 'Internal Error: see 10.1.2.3', message: 'etcd at 10.1.2.3:2379 is down' }, /^the cluster or the kubernetes proxy answered with an error \(HTTP 500\)$/],
    [401, { kind: 'Status', reason: 'Unauthorized', message: 'token for alice@example.com expired' }, /did not accept the credentials \(HTTP 401, Unauthorized\)/],
  ])('answers %s in its own words and keeps the upstream text for the log', async (status, body, expected) => {
    const backend = await fakeKubernetesBackend(() => ({ status, body }));
    try {
      const error = (await backend.client.get('c', '/api/v1/pods').catch(e => e)) as KubernetesRequestError;
      expect(error.message).toMatch(expected);
      expect(error.message).not.toMatch(/10\.1\.2\.3|alice|serviceaccount|etcd/);
      expect(error.status).toBe(status);
      expect(error.detail).toBe((body as any).message ?? (body as any).error.message);
    } finally {
      await backend.close();
    }
  });

  it('says the kubernetes backend could not be reached, without its address', async () => {
    const client = new KubernetesBackendClient({
      discovery: mockServices.discovery.mock({ getBaseUrl: async () => 'http://127.0.0.1:1/api/kubernetes' }),
      auth: mockServices.auth(),
      requestTimeoutMs: 5000,
      pageSize: 2,
    });
    const error = (await client.get('c', '/api').catch(e => e)) as KubernetesRequestError;
    expect(error.message).toBe('the kubernetes backend could not be reached');
    expect(error.message).not.toContain('127.0.0.1');
  });

  it('hands list pages on gzipped, as they came, in buffers of their own that can be moved to a worker', async () => {
    const page = { kind: 'PodList', items: [{ metadata: { name: 'p' } }], metadata: {} };
    const backend = await fakeKubernetesBackend(() => ({ status: 200, body: page }));
    try {
      const bodies: WireBody[] = [];
      await backend.client.listPages('c', '/api/v1/pods', {}, {
        page: async body => {
          bodies.push(body);
          return {};
        },
        restart: async () => undefined,
      });
      expect(backend.acceptEncodings).toEqual(['gzip']);
      expect(bodies).toHaveLength(1);
      expect(bodies[0].gzipped).toBe(true);
      expect(bodies[0].bytes.byteOffset).toBe(0);
      expect(bodies[0].bytes.byteLength).toBe(bodies[0].bytes.buffer.byteLength);
      expect(JSON.parse(gunzipSync(bodies[0].bytes).toString('utf8'))).toEqual(page);
    } finally {
      await backend.close();
    }
  });

  it('reads gzipped and plain answers alike, error answers too', async () => {
    const items = [{ n: 1 }];
    for (const encoding of ['gzip', 'identity']) {
      const ok = await fakeKubernetesBackend(() => ({ status: 200, body: { items, metadata: {} }, encoding }));
      const refused = await fakeKubernetesBackend(() => ({ status: 403, body: { kind: 'Status', reason: 'Forbidden', message: 'no' }, encoding }));
      try {
        expect(await ok.client.list('c', '/api/v1/pods')).toEqual(items);
        const error = (await refused.client.get('c', '/api/v1/pods').catch(e => e)) as KubernetesRequestError;
        expect(error.message).toMatch(/forbidden \(HTTP 403, Forbidden\)/);
      } finally {
        await ok.close();
        await refused.close();
      }
    }
  });

  it.each([
    ['a gzip body that does not inflate', { status: 200, body: null, encoding: 'gzip', raw: Buffer.from('not gzip at all') }, /is not valid gzip/],
    ['an encoding it did not accept', { status: 200, body: { items: [] }, encoding: 'br' }, /content-encoding br, where only gzip was accepted/],
    ['a connection cut half way through the body', { status: 200, body: { items: [] }, cut: true }, /could not be reached/],
  ])('fails a list on %s, never with a partial page', async (_what, answer, expected) => {
    const backend = await fakeKubernetesBackend(() => answer as Answer);
    try {
      const error = (await backend.client.list('c', '/api/v1/pods').catch(e => e)) as KubernetesRequestError;
      expect(error).toBeInstanceOf(KubernetesRequestError);
      expect(error.message).toMatch(expected);
    } finally {
      await backend.close();
    }
  });

  it('gives up on an answer slower than the request timeout', async () => {
    const backend = await fakeKubernetesBackend(() => ({ status: 200, body: { items: [] }, delayMs: 2000 }));
    const client = new KubernetesBackendClient({
      discovery: (backend.client as any).options.discovery,
      auth: mockServices.auth(),
      requestTimeoutMs: 200,
      pageSize: 2,
    });
    try {
      const error = (await client.list('c', '/api/v1/pods').catch(e => e)) as KubernetesRequestError;
      expect(error.message).toBe('timed out: no answer within 200 ms');
    } finally {
      await backend.close();
    }
  });
});
