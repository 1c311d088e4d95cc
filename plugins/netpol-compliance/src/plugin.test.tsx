import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  NetpolComplianceApi,
  EntityNetpolComplianceCard,
  EntityNetpolComplianceContent,
  isNetpolComplianceAvailable,
  netpolComplianceApiRef,
  NetpolComplianceClient,
  netpolCompliancePlugin,
  NetpolCompliancePage,
  rootRouteRef,
} from './index';
import {
  clusterView,
  entity,
  failingNamespace,
  response,
} from './testing/fixtures';

function makeClient(fetch: jest.Mock): NetpolComplianceApi {
  const factory = [...netpolCompliancePlugin.getApis()].find(
    f => f.api.id === netpolComplianceApiRef.id,
  )!;
  return factory.factory({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backstage/api/${id}`,
    },
    fetchApi: { fetch },
  }) as NetpolComplianceApi;
}

describe('legacy plugin', () => {
  it('is the netpol-compliance plugin with its API and routes', () => {
    expect(netpolCompliancePlugin.getId()).toBe('netpol-compliance');
    expect(netpolCompliancePlugin.routes.root).toBe(rootRouteRef);
    expect(makeClient(jest.fn())).toBeInstanceOf(NetpolComplianceClient);
    expect(isNetpolComplianceAvailable(entity)).toBe(true);
  });

  it('renders the entity tab through the plugin API factory and the backend response', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify(
            response([clusterView('prod-eu', [failingNamespace('prod-eu')])]),
          ),
          {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[netpolComplianceApiRef, makeClient(fetch)]]}>
        <EntityProvider entity={entity}>
          <EntityNetpolComplianceCard />
          <Routes>
            <Route
              path="/catalog/default/component/payments/netpol-compliance"
              element={<EntityNetpolComplianceContent />}
            />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
      {
        routeEntries: ['/catalog/default/component/payments/netpol-compliance'],
        mountedRoutes: {
          '/netpol-compliance': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(
      await screen.findAllByText(
        /1 of 1 namespace is not isolated by network policies/,
      ),
    ).toHaveLength(2);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/netpol-compliance/entity/Component/default/payments',
      undefined,
    );
    expect(
      screen.getByRole('button', {
        name: /Show fix and evidence for payments on prod-eu/,
      }),
    ).toBeInTheDocument();
  });

  it('renders the routable page with its header', async () => {
    const fetch = jest.fn(async (url: string) => {
      const body = url.includes('/controls') ? [] : { points: [] };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    await renderInTestApp(
      <TestApiProvider apis={[[netpolComplianceApiRef, makeClient(fetch)]]}>
        <Routes>
          <Route
            path="/netpol-compliance/*"
            element={<NetpolCompliancePage />}
          />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/netpol-compliance/controls/NETPOL-001'] },
    );
    expect(
      await screen.findByText(
        'NETPOL-001: Namespace has at least one network policy',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('Network policy compliance').length,
    ).toBeGreaterThan(0);
  });
});
