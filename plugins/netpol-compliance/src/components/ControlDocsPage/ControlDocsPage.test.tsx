import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { CONTROLS } from '@netpol/plugin-netpol-compliance-common';
import { netpolComplianceApiRef, NetpolComplianceApi } from '../../api';
import { rootRouteRef } from '../../routes';
import { mockApi } from '../../testing/fixtures';
import { NetpolComplianceRoutes } from '../NetpolCompliancePage';

async function renderAt(path: string, api: NetpolComplianceApi = mockApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[netpolComplianceApiRef, api]]}>
      <Routes>
        <Route
          path="/netpol-compliance/*"
          element={<NetpolComplianceRoutes />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/netpol-compliance': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('ControlDocsPage', () => {
  it('explains a control: what, why, frameworks, fix with example YAML, references', async () => {
    await renderAt('/netpol-compliance/controls/NETPOL-004');
    expect(
      await screen.findByText(
        'NETPOL-004: Namespace denies ingress by default',
      ),
    ).toBeInTheDocument();
    const control = CONTROLS.find(c => c.id === 'NETPOL-004')!;
    expect(screen.getByText(control.passes)).toBeInTheDocument();
    expect(screen.getByText(control.rationale)).toBeInTheDocument();
    const frameworks = screen.getByRole('table', {
      name: 'Framework mappings',
    });
    expect(within(frameworks).getByText('Kubernetes docs')).toBeInTheDocument();
    // The remediation prose is markdown (inline code renders as code)
    expect(
      screen.getByText('podSelector: {}', { selector: 'code' }),
    ).toBeInTheDocument();
    expect(document.body).toHaveTextContent('name: default-deny-ingress');
    // NETPOL-004 needs the ingress half only
    expect(document.body).not.toHaveTextContent('name: default-deny-egress');
    expect(
      screen.getByText('kubectl apply -n my-namespace -f -'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /default-deny-all-ingress-traffic/ }),
    ).toHaveAttribute('href', control.references[0]);
    expect(
      screen.getByRole('link', {
        name: /See every namespace where NETPOL-004\s+fails/,
      }),
    ).toHaveAttribute(
      'href',
      '/netpol-compliance?control=NETPOL-004&status=fail',
    );
  });

  it('shows the cluster control with a shell example and the framework items', async () => {
    await renderAt('/netpol-compliance/controls/netpol-002');
    expect(
      await screen.findByText(
        'NETPOL-002: Cluster runs a network policy enforcer',
      ),
    ).toBeInTheDocument();
    const frameworks = screen.getByRole('table', {
      name: 'Framework mappings',
    });
    expect(within(frameworks).getAllByText('CIS EKS')).toHaveLength(1);
    expect(within(frameworks).getByText('C-0230')).toBeInTheDocument();
    expect(document.body).toHaveTextContent(
      'kubectl get daemonsets -n kube-system',
    );
    expect(
      screen.getByRole('link', { name: /See every cluster where NETPOL-002/ }),
    ).toBeInTheDocument();
  });

  it('explains the entity control by its scope, with no overview link that would always be empty', async () => {
    await renderAt('/netpol-compliance/controls/NETPOL-007');
    expect(await screen.findByText(/^NETPOL-007: /)).toBeInTheDocument();
    expect(document.body).toHaveTextContent(
      'Scope: each catalog entity, for the connections the catalog declares for it',
    );
    expect(document.body).toHaveTextContent(
      'the Connections section of its Network policy tab',
    );
    expect(screen.queryByRole('link', { name: /See every/ })).toBeNull();
  });

  it("links the organisation's own page when the backend names one", async () => {
    const api = mockApi({
      getControls: jest.fn().mockResolvedValue(
        CONTROLS.map(c => ({
          ...c,
          docsUrl: `https://wiki.example.com/netpol/${c.id}`,
        })),
      ),
    });
    await renderAt('/netpol-compliance/controls/NETPOL-005', api);
    expect(
      await screen.findByRole('link', {
        name: /wiki\.example\.com\/netpol\/NETPOL-005/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/netpol/NETPOL-005');
  });

  it('says so for an unknown control and lists the known ones', async () => {
    await renderAt('/netpol-compliance/controls/NETPOL-999');
    expect(
      await screen.findByText('There is no control NETPOL-999'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'NETPOL-001' })).toHaveAttribute(
      'href',
      '/netpol-compliance/controls/NETPOL-001',
    );
  });

  it('serves the overview at the root of the page', async () => {
    await renderAt('/netpol-compliance');
    expect(
      await screen.findByRole('table', { name: 'Namespaces' }),
    ).toBeInTheDocument();
  });
});
