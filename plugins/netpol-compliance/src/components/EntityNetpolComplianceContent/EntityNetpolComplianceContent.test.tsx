import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import { netpolComplianceApiRef, NetpolComplianceApi } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  clusterView,
  entity,
  failingNamespace,
  mockApi,
  passingNamespace,
  REMEDIATION_YAML,
  response,
  unmappedEntity,
} from '../../testing/fixtures';
import { EntityNetpolComplianceContent } from './EntityNetpolComplianceContent';

const copy = jest.fn();
jest.mock('copy-to-clipboard', () => ({
  __esModule: true,
  default: (text: string) => {
    copy(text);
    return true;
  },
}));

/**
 * usePermission caches decisions across renders (SWR), so each test states
 * its decision here instead of through a mock permission API.
 */
const decisions: { scan: AuthorizeResult } = { scan: AuthorizeResult.ALLOW };
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: ({ permission }: { permission: { name: string } }) => ({
    loading: false,
    allowed:
      permission.name !== 'netpol.compliance.scan' ||
      decisions.scan === AuthorizeResult.ALLOW,
  }),
}));

async function renderTab(
  api: NetpolComplianceApi,
  forEntity: Entity = entity,
  scan: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  decisions.scan = scan;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [netpolComplianceApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={forEntity}>
        <EntityNetpolComplianceContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/netpol-compliance': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

async function notFound(): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No such entity' },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

describe('EntityNetpolComplianceContent', () => {
  beforeEach(() => copy.mockClear());

  it('shows progress while loading', async () => {
    const api = mockApi({
      getEntityCompliance: jest.fn(() => new Promise(() => {})),
    });
    await renderTab(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getEntityCompliance).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'payments',
    });
  });

  it('explains a server error and retries', async () => {
    const getEntityCompliance = jest
      .fn()
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED'))
      .mockResolvedValue(
        response([clusterView('prod-eu', [passingNamespace('prod-eu')])]),
      );
    await renderTab(mockApi({ getEntityCompliance }));
    expect(
      await screen.findByText(/Could not load network policy compliance/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/backend plugin is\s+installed and running/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText(/The namespace of this entity is isolated/),
    ).toBeInTheDocument();
  });

  it('says what a 404 means', async () => {
    const error = await notFound();
    await renderTab(
      mockApi({ getEntityCompliance: jest.fn().mockRejectedValue(error) }),
    );
    expect(
      await screen.findByText(/No network policy data for this entity/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /did not find this entity, or you\s+are not allowed to see it/,
      ),
    ).toBeInTheDocument();
  });

  it('shows which annotations to add when the entity is not mapped', async () => {
    const api = mockApi();
    await renderTab(api, unmappedEntity);
    expect(
      screen.getByText('This entity is not mapped to Kubernetes namespaces'),
    ).toBeInTheDocument();
    expect(document.body).toHaveTextContent(
      'backstage.io/kubernetes-id: docs-site',
    );
    expect(document.body).toHaveTextContent(
      'backstage.io/kubernetes-namespace',
    );
    expect(api.getEntityCompliance).not.toHaveBeenCalled();
  });

  it('shows the server reason when the backend cannot map the entity', async () => {
    const api = mockApi({
      getEntityCompliance: jest.fn().mockResolvedValue({
        entityRef: 'component:default/payments',
        mapping: {
          mapped: false,
          reason: 'The label selector "a b" is invalid',
        },
        clusters: [],
      }),
    });
    await renderTab(api);
    expect(
      await screen.findByText('The label selector "a b" is invalid'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('This entity is not mapped to Kubernetes namespaces'),
    ).toBeInTheDocument();
  });

  it('shows a passing namespace with icon and text per control', async () => {
    await renderTab(mockApi());
    expect(
      await screen.findByText(/The namespace of this entity is isolated/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Network policy compliance per namespace',
    });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByText('prod-eu')).toBeInTheDocument();
    expect(within(row).getByText('payments')).toBeInTheDocument();
    expect(within(row).getAllByText('Pass')).toHaveLength(5);
    expect(within(row).getAllByTestId('status-ok')).toHaveLength(5);
    expect(within(row).getByText('All controls pass.')).toBeInTheDocument();
    // The cluster's enforcer
    const clusters = screen.getByRole('table', { name: 'Clusters' });
    expect(
      within(clusters).getByText('Calico enforces NetworkPolicy'),
    ).toBeInTheDocument();
    expect(
      within(clusters).getByText(
        /Calico \(DaemonSet kube-system\/calico-node\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows a failure with its reason, evidence, remediation YAML, the kubectl line and docs link', async () => {
    const api = mockApi({
      getEntityCompliance: jest
        .fn()
        .mockResolvedValue(
          response([clusterView('prod-eu', [failingNamespace('prod-eu')])]),
        ),
    });
    await renderTab(api);
    expect(
      await screen.findByText(/1 of 1 namespace is not isolated/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Network policy compliance per namespace',
    });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByText('Fail')).toBeInTheDocument();
    expect(within(row).getByTestId('status-error')).toBeInTheDocument();
    expect(within(row).getByText('Warning')).toBeInTheDocument();
    expect(
      within(row).getByText(
        /Default-deny egress: No policy selects every pod for Egress/,
      ),
    ).toBeInTheDocument();

    // Collapsed: no evidence yet
    expect(
      screen.queryByText(REMEDIATION_YAML.split('\n')[3]),
    ).not.toBeInTheDocument();
    const toggle = within(row).getByRole('button', {
      name: /Show fix and evidence for payments on prod-eu/,
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    const fix = screen.getByRole('region', { name: 'Fix for payments' });
    expect(
      within(fix).getByText('kubectl apply -n payments -f -'),
    ).toBeInTheDocument();
    expect(fix).toHaveTextContent('name: default-deny-egress');
    // Docs links for both the failure and the warning, to the docs page
    const docsLink = screen.getByRole('link', {
      name: /How to fix NETPOL-005/,
    });
    expect(docsLink).toHaveAttribute(
      'href',
      '/netpol-compliance/controls/NETPOL-005',
    );
    expect(
      screen.getByRole('link', { name: /How to fix NETPOL-006/ }),
    ).toBeInTheDocument();
    // Evidence: the workload not selected for egress
    expect(screen.getByText(/Workload:/).parentElement).toHaveTextContent(
      'Deployment/payments-api',
    );
    expect(screen.getByText('None: all egress allowed')).toBeInTheDocument();
    expect(
      screen.getByText('Reachable from other namespaces'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Only Kubernetes NetworkPolicies are evaluated'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Rule:/).parentElement).toHaveTextContent(
      'payments/allow-all-egress: egress rule 1 allows all destinations',
    );

    // Copy the YAML
    await userEvent.click(
      within(fix).getAllByRole('button', { name: /copy/i })[0],
    );
    expect(copy).toHaveBeenCalledWith(REMEDIATION_YAML);
    // Copy the whole command
    await userEvent.click(
      within(fix).getByRole('button', {
        name: 'Copy kubectl command for payments',
      }),
    );
    expect(copy).toHaveBeenLastCalledWith(
      `kubectl apply -n payments -f - <<'EOF'\n${REMEDIATION_YAML.trimEnd()}\nEOF\n`,
    );

    // Collapse again
    await userEvent.click(toggle);
    expect(
      screen.queryByRole('region', { name: 'Fix for payments' }),
    ).not.toBeInTheDocument();
  });

  it('links the team runbook before the docs', async () => {
    const withRunbook: Entity = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'netpol-compliance.io/runbook-url': 'https://wiki.example.com/netpol',
        },
      },
    };
    const api = mockApi({
      getEntityCompliance: jest
        .fn()
        .mockResolvedValue(
          response([clusterView('prod-eu', [failingNamespace('prod-eu')])]),
        ),
    });
    await renderTab(api, withRunbook);
    await userEvent.click(
      await screen.findByRole('button', { name: /Show fix and evidence/ }),
    );
    const links = screen
      .getAllByRole('link')
      .filter(l =>
        /Team runbook|How to fix NETPOL-005/.test(l.textContent ?? ''),
      );
    expect(links[0]).toHaveTextContent('Team runbook');
    expect(links[0]).toHaveAttribute('href', 'https://wiki.example.com/netpol');
    expect(links[1]).toHaveTextContent('How to fix NETPOL-005');
  });

  it("links the organisation's docs page when the backend configures one", async () => {
    const api = mockApi({
      getEntityCompliance: jest
        .fn()
        .mockResolvedValue(
          response([clusterView('prod-eu', [failingNamespace('prod-eu')])]),
        ),
      getControls: jest.fn().mockResolvedValue([
        {
          id: 'NETPOL-005',
          docsUrl: 'https://wiki.example.com/netpol/NETPOL-005',
        },
      ]),
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /Show fix and evidence/ }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: /How to fix NETPOL-005/ }),
      ).toHaveAttribute('href', 'https://wiki.example.com/netpol/NETPOL-005'),
    );
    // Controls without an external page keep the built-in docs page
    expect(
      screen.getByRole('link', { name: /How to fix NETPOL-006/ }),
    ).toHaveAttribute('href', '/netpol-compliance/controls/NETPOL-006');
  });

  it('shows policies as YAML on demand', async () => {
    await renderTab(mockApi());
    await userEvent.click(
      await screen.findByRole('button', {
        name: /Show details for payments on prod-eu/,
      }),
    );
    expect(
      screen.getByText(/NetworkPolicy payments\/default-deny-ingress/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show YAML' }));
    expect(screen.getByRole('button', { name: 'Hide YAML' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(document.body).toHaveTextContent('name: default-deny-ingress');
  });

  it('explains unknown outcomes and clusters that could not be scanned', async () => {
    const unknownNs = passingNamespace('prod-eu');
    unknownNs.results = unknownNs.results.map(r => ({
      ...r,
      status: 'unknown' as const,
      reason: 'pods: forbidden',
    }));
    const api = mockApi({
      getEntityCompliance: jest.fn().mockResolvedValue(
        response([
          clusterView('prod-eu', [unknownNs]),
          {
            cluster: { name: 'prod-us' },
            state: 'error',
            error: 'The scan failed: 403 Forbidden',
            results: [],
            namespaces: [],
          },
        ]),
      ),
    });
    await renderTab(api);
    expect(
      await screen.findByText(/Some results are unknown/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Cluster prod-us could not be scanned/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(
        /The scan could not read cluster prod-us.*credentials.*RBAC/,
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByText('Not scanned').length).toBeGreaterThan(0);
    const table = screen.getByRole('table', {
      name: 'Network policy compliance per namespace',
    });
    expect(within(table).getAllByText('Unknown')).toHaveLength(5);
    await userEvent.click(
      screen.getByRole('button', {
        name: /Show details for payments on prod-eu/,
      }),
    );
    expect(
      screen.getAllByText(
        /could not read the data this control needs.*credentials.*RBAC/,
      ).length,
    ).toBe(5);
  });

  it('explains an entity whose workloads are found nowhere', async () => {
    await renderTab(
      mockApi({
        getEntityCompliance: jest
          .fn()
          .mockResolvedValue(response([clusterView('prod-eu', [])])),
      }),
    );
    expect(
      await screen.findByText('No namespaces found for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /No running workload matches backstage.io\/kubernetes-id=payments/,
      ),
    ).toBeInTheDocument();
  });

  it('lists every cluster and namespace, and a cluster without an enforcer', async () => {
    const api = mockApi({
      getEntityCompliance: jest
        .fn()
        .mockResolvedValue(
          response([
            clusterView('prod-eu', [
              passingNamespace('prod-eu'),
              failingNamespace('prod-eu', 'payments-jobs'),
            ]),
            clusterView('prod-us', [passingNamespace('prod-us')], 'fail'),
          ]),
        ),
    });
    await renderTab(api);
    expect(
      await screen.findByText(/1 of 3 namespaces is not isolated/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/prod-us does not enforce network policies/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Network policy compliance per namespace',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['prod-eu', 'prod-eu', 'prod-us']);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual(['payments', 'payments-jobs', 'payments']);
    const clusters = screen.getByRole('table', { name: 'Clusters' });
    expect(within(clusters).getAllByRole('row')).toHaveLength(3);
    expect(
      within(clusters).getByText('No enforcing network plugin found'),
    ).toBeInTheDocument();
    expect(
      within(clusters).getByRole('link', { name: /How to fix NETPOL-002/ }),
    ).toBeInTheDocument();
  });

  it('rescans the entity clusters on request', async () => {
    const api = mockApi();
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan' }),
    );
    await waitFor(() => expect(api.requestScan).toHaveBeenCalledWith());
    expect(await screen.findByText(/Scan requested/)).toBeInTheDocument();
  });

  it('rescans only the clusters the entity is pinned to', async () => {
    const view = response([
      clusterView('prod-eu', [passingNamespace('prod-eu')]),
    ]);
    view.mapping.clusters = ['prod-eu'];
    const api = mockApi({
      getEntityCompliance: jest.fn().mockResolvedValue(view),
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan' }),
    );
    await waitFor(() =>
      expect(api.requestScan).toHaveBeenCalledWith({ cluster: 'prod-eu' }),
    );
  });

  it('says when a rescan is refused', async () => {
    const api = mockApi({
      requestScan: jest.fn().mockRejectedValue(new Error('Forbidden')),
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Rescan failed: Forbidden',
    );
  });

  it('offers no Rescan to a user without the scan permission, and still shows the results', async () => {
    const api = mockApi();
    await renderTab(api, entity, AuthorizeResult.DENY);
    expect(
      await screen.findByRole('table', {
        name: 'Network policy compliance per namespace',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rescan' })).toBeNull();
    expect(api.requestScan).not.toHaveBeenCalled();
  });

  it('explains a refusal of the Kubernetes read permissions', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed: the entity view shows Kubernetes data, which needs kubernetes.resources.read',
          },
          response: { statusCode: 403 },
        }),
        { status: 403, statusText: 'Forbidden', headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    await renderTab(mockApi({ getEntityCompliance: jest.fn().mockRejectedValue(forbidden) }));
    expect(
      await screen.findByText(/You may not see Kubernetes data for this entity/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/needs kubernetes\.resources\.read/),
    ).toBeInTheDocument();
  });
});
