import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { netpolComplianceApiRef, NetpolComplianceApi } from '../../api';
import {
  clusterView,
  entity,
  failingNamespace,
  mockApi,
  passingNamespace,
  response,
  unmappedEntity,
} from '../../testing/fixtures';
import { EntityNetpolComplianceCard } from './EntityNetpolComplianceCard';

async function renderCard(
  api: NetpolComplianceApi,
  forEntity: Entity = entity,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[netpolComplianceApiRef, api]]}>
      <EntityProvider entity={forEntity}>
        <EntityNetpolComplianceCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityNetpolComplianceCard', () => {
  it('gives the verdict, the worst namespaces first, and links to the tab', async () => {
    const api = mockApi({
      getEntityCompliance: jest
        .fn()
        .mockResolvedValue(
          response([
            clusterView('prod-eu', [
              passingNamespace('prod-eu', 'payments'),
              failingNamespace('prod-eu', 'payments-jobs'),
            ]),
          ]),
        ),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/1 of 2 namespaces is not isolated/),
    ).toBeInTheDocument();
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      'payments-jobs on prod-eu: Default-deny egress',
    );
    expect(items[1]).toHaveTextContent('payments on prod-eu');
    expect(
      screen.getByRole('link', { name: /Details and fixes/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/netpol-compliance',
    );
  });

  it('says when the entity is not mapped, without calling the backend', async () => {
    const api = mockApi();
    await renderCard(api, unmappedEntity);
    expect(
      screen.getByText(/Not mapped to Kubernetes namespaces/),
    ).toBeInTheDocument();
    expect(api.getEntityCompliance).not.toHaveBeenCalled();
  });

  it('shows an error', async () => {
    await renderCard(
      mockApi({
        getEntityCompliance: jest.fn().mockRejectedValue(new Error('boom')),
      }),
    );
    expect(
      await screen.findByText(/Could not load network policy compliance/),
    ).toBeInTheDocument();
  });
});
