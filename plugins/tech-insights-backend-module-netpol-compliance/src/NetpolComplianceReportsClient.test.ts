import { mockServices } from '@backstage/backend-test-utils';
import { NetpolComplianceReportsClient } from './NetpolComplianceReportsClient';

const row = (i: number) => ({ cluster: 'eu', namespace: `ns-${String(i).padStart(4, '0')}`, owners: [], entities: [], results: [] });

function server(total: number, options: { failAt?: number } = {}) {
  const calls: Array<{ url: string; auth: string | null }> = [];
  const fetch = jest.fn(async (url: string, init?: RequestInit) => {
    const u = new URL(url);
    calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
    const offset = Number(u.searchParams.get('offset'));
    const limit = Number(u.searchParams.get('limit'));
    if (options.failAt === offset) return new Response(JSON.stringify({ error: { message: 'boom' } }), { status: 503 });
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => row(offset + i));
    return new Response(
      JSON.stringify({ total, offset, limit, rows, summary: { byControl: {}, byCluster: [{ cluster: { name: 'eu' }, scannedAt: 't', results: [], counts: {} }] } }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  });
  const client = new NetpolComplianceReportsClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { client, calls };
}

describe('NetpolComplianceReportsClient', () => {
  it('reads every page of a fleet larger than one page, each with its own token, sorted by cluster', async () => {
    const { client, calls } = server(2500);
    const { rows, clusters } = await client.readAll();
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map(r => r.namespace)).size).toBe(2500);
    expect(clusters.map(c => c.cluster.name)).toEqual(['eu']);
    expect(calls).toHaveLength(3);
    for (const c of calls) {
      expect(c.url).toContain('/overview?sort=cluster&order=asc');
      expect(c.auth).toMatch(/^Bearer /);
    }
  });

  it('fails as a whole when a page fails: no partial facts', async () => {
    const { client } = server(2500, { failAt: 1000 });
    await expect(client.readAll()).rejects.toThrow(/503/);
  });

  it('reads an entity’s stored view by its ref, with a token', async () => {
    const { client, calls } = server(0);
    await client.readEntity('component:default/shop web');
    expect(calls.map(c => new URL(c.url).pathname)).toEqual([
      '/api/netpol-compliance/entity/component/default/shop%20web',
    ]);
    expect(calls[0].auth).toMatch(/^Bearer /);
  });

  it('stops on an empty fleet', async () => {
    const { client, calls } = server(0);
    expect((await client.readAll()).rows).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});
