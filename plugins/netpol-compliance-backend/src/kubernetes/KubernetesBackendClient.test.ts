import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { KubernetesBackendClient, KubernetesRequestError } from './KubernetesBackendClient';

/** A stand-in for the kubernetes backend: answers each request with `handler`. */
async function fakeKubernetesBackend(
  handler: (url: URL) => { status: number; body: unknown },
) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(url.pathname + url.search);
    const { status, body } = handler(url);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
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
  return { client, requests, close: () => new Promise(r => server.close(r)) };
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
});
