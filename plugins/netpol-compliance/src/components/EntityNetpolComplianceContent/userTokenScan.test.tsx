import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { kubernetesAuthProvidersApiRef } from '@backstage/plugin-kubernetes-react';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { netpolComplianceApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { clusterView, entity, mockApi, passingNamespace, response } from '../../testing/fixtures';
import { EntityNetpolComplianceContent } from './EntityNetpolComplianceContent';

/** A cluster signed in with the user's OIDC identity, not readable in the background. */
const ssoCluster: EntityClusterView = {
  cluster: { name: 'prod-sso', authProvider: 'oidc', oidcTokenProvider: 'okta', needsUserToken: true },
  state: 'error',
  error: 'Cluster prod-sso uses the "oidc" auth provider, which needs the signed-in user\'s own token',
  results: [],
  namespaces: [],
};

function render(apis: any[]) {
  return renderInTestApp(
    <TestApiProvider apis={[...apis, [permissionApiRef, mockApis.permission()]] as any}>
      <EntityProvider entity={entity}>
        <EntityNetpolComplianceContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/netpol-compliance': rootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('scanning user-token clusters with the user’s credentials', () => {
  it('sends the kubernetes auth header and shows the fresh result', async () => {
    const scanned = {
      ...clusterView('prod-sso', [passingNamespace('prod-sso')]),
      scannedWithUserToken: true,
    };
    const api = mockApi({
      getEntityCompliance: jest.fn().mockResolvedValue(response([ssoCluster])),
      scanEntityWithUserToken: jest.fn().mockResolvedValue(response([scanned])),
    });
    const getCredentials = jest.fn().mockResolvedValue({ token: 'alice-token' });
    await render([
      [netpolComplianceApiRef, api],
      [kubernetesAuthProvidersApiRef, { getCredentials, decorateRequestBodyForAuth: jest.fn() }],
    ]);
    await userEvent.click(await screen.findByRole('button', { name: 'Scan with my credentials' }));
    expect(getCredentials).toHaveBeenCalledWith('oidc.okta');
    expect(api.scanEntityWithUserToken).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments' },
      { 'Backstage-Kubernetes-Authorization-oidc-okta': 'alice-token' },
    );
    expect(await screen.findAllByText(/payments/)).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Scan with my credentials' })).not.toBeInTheDocument();
  });

  it('explains what to install when the app has no kubernetes auth providers', async () => {
    const api = mockApi({ getEntityCompliance: jest.fn().mockResolvedValue(response([ssoCluster])) });
    await render([[netpolComplianceApiRef, api]]);
    expect(await screen.findByText(/Add the Kubernetes frontend plugin/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Scan with my credentials' })).not.toBeInTheDocument();
  });
});
