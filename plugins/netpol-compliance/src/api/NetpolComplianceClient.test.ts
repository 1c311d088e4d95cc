import { ResponseError } from '@backstage/errors';
import {
  NetpolComplianceClient,
  toQueryString,
} from './NetpolComplianceClient';

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('NetpolComplianceClient', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async (id: string) => `http://backstage/api/${id}`),
  };
  const fetch = jest.fn();
  const client = new NetpolComplianceClient({
    discoveryApi,
    fetchApi: { fetch },
  });

  beforeEach(() => fetch.mockReset());

  it('fetches an entity through discovery and fetchApi', async () => {
    fetch.mockResolvedValue(
      jsonResponse({ entityRef: 'component:default/a b', clusters: [] }),
    );
    const result = await client.getEntityCompliance({
      kind: 'Component',
      namespace: 'default',
      name: 'a b',
    });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('netpol-compliance');
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/netpol-compliance/entity/Component/default/a%20b',
      undefined,
    );
    expect(result.entityRef).toBe('component:default/a b');
  });

  it('sends the overview filters as query parameters, leaving out empty ones', async () => {
    fetch.mockResolvedValue(jsonResponse({ total: 0, rows: [] }));
    await client.getOverview({
      cluster: 'prod',
      control: 'NETPOL-004',
      status: 'fail',
      owner: 'group:default/team-a',
      q: '',
      offset: 50,
      limit: 25,
      sort: 'namespace',
      order: 'desc',
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/netpol-compliance/overview');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      cluster: 'prod',
      control: 'NETPOL-004',
      status: 'fail',
      owner: 'group:default/team-a',
      offset: '50',
      limit: '25',
      sort: 'namespace',
      order: 'desc',
    });
  });

  it('reads history and controls', async () => {
    fetch.mockResolvedValueOnce(jsonResponse({ points: [] }));
    await client.getHistory({ days: 30 });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/netpol-compliance/history?days=30',
    );
    fetch.mockResolvedValueOnce(
      jsonResponse([{ id: 'NETPOL-001', docsUrl: 'https://docs/x' }]),
    );
    expect(await client.getControls()).toEqual([
      { id: 'NETPOL-001', docsUrl: 'https://docs/x' },
    ]);
  });

  it('posts a scan request', async () => {
    fetch.mockResolvedValue(new Response(null, { status: 202 }));
    await client.requestScan({ cluster: 'prod' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/netpol-compliance/scan',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ cluster: 'prod' }),
      },
    );
    await client.requestScan();
    expect(fetch.mock.calls[1][1].body).toBe('{}');
  });

  it('turns Backstage JSON errors into ResponseError', async () => {
    fetch.mockResolvedValue(
      jsonResponse(
        {
          error: { name: 'NotAllowedError', message: 'Denied' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client.getOverview().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('Denied');
  });

  it('builds query strings', () => {
    expect(toQueryString({})).toBe('');
    expect(toQueryString({ a: undefined, b: '', c: 0, d: 'x y' })).toBe(
      '?c=0&d=x+y',
    );
  });
});
