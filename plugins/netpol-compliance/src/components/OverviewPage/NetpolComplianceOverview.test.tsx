import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { netpolComplianceApiRef, NetpolComplianceApi } from '../../api';
import { rootRouteRef } from '../../routes';
import { mockApi, overviewResponse, overviewRow } from '../../testing/fixtures';
import { NetpolComplianceOverview } from './NetpolComplianceOverview';

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

async function renderOverview(
  api: NetpolComplianceApi,
  route = '/netpol-compliance',
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
      <NetpolComplianceOverview />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: {
        '/netpol-compliance': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

const lastQuery = (api: jest.Mocked<NetpolComplianceApi>) =>
  api.getOverview.mock.calls[api.getOverview.mock.calls.length - 1][0];

describe('NetpolComplianceOverview', () => {
  it('summarises per control and per cluster and lists namespaces with owner and entity links', async () => {
    const api = mockApi();
    await renderOverview(api);
    expect(
      await screen.findByRole('table', { name: 'Namespaces' }),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledWith({ offset: 0, limit: 25 });

    // per control
    expect(
      screen.getByRole('button', {
        name: 'Show the 4 namespaces with outcome fail for NETPOL-004',
      }),
    ).toBeInTheDocument();
    // per cluster, with the unscanned one explained
    const clusters = screen.getByRole('table', { name: 'Clusters' });
    expect(
      within(clusters).getByText('Calico enforces NetworkPolicy'),
    ).toBeInTheDocument();
    expect(
      within(clusters).getByText('Forbidden: cannot list namespaces'),
    ).toBeInTheDocument();
    expect(within(clusters).getByText(/credentials.*RBAC/)).toBeInTheDocument();
    // the fleet's freshness: the oldest report, and who has none yet
    expect(
      screen.getByText(
        (_, el) =>
          el?.tagName === 'P' &&
          /^1 of 2 clusters have a report; the oldest is from 40 minutes ago \(prod-eu\); not yet scanned: prod-us\.$/.test(
            el.textContent ?? '',
          ),
      ),
    ).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Namespaces' });
    const row = within(table).getAllByRole('row')[1];
    // the namespace links to its entity's tab; the entity itself is linked too
    expect(
      within(row)
        .getAllByRole('link', { name: 'payments' })
        .map(a => a.getAttribute('href')),
    ).toEqual([
      '/catalog/default/component/payments/netpol-compliance',
      '/catalog/default/component/payments',
    ]);
    expect(within(row).getByRole('link', { name: /team-pay/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-pay',
    );
    expect(within(row).getAllByText('Pass').length).toBeGreaterThan(0);
  });

  it('sends the filters to the server and resets paging', async () => {
    const api = mockApi();
    await renderOverview(api, '/netpol-compliance?offset=50');
    await screen.findByRole('table', { name: 'Namespaces' });
    expect(lastQuery(api)).toEqual({ offset: 50, limit: 25 });

    await userEvent.selectOptions(screen.getByLabelText('Cluster'), 'prod-eu');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        cluster: 'prod-eu',
        offset: 0,
        limit: 25,
      }),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Control'),
      'NETPOL-005',
    );
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'fail');
    await userEvent.type(
      screen.getByLabelText('Owner'),
      'group:default/team-pay',
    );
    await userEvent.type(screen.getByLabelText('Search'), 'pay{Enter}');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        cluster: 'prod-eu',
        control: 'NETPOL-005',
        status: 'fail',
        owner: 'group:default/team-pay',
        q: 'pay',
        offset: 0,
        limit: 25,
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ offset: 0, limit: 25 }),
    );
  });

  it('reads its filters from the URL and filters from the summary counts', async () => {
    const api = mockApi();
    await renderOverview(
      api,
      '/netpol-compliance?control=NETPOL-001&status=pass',
    );
    await screen.findByRole('table', { name: 'Namespaces' });
    expect(api.getOverview).toHaveBeenCalledWith({
      control: 'NETPOL-001',
      status: 'pass',
      offset: 0,
      limit: 25,
    });
    expect(screen.getByLabelText('Control')).toHaveValue('NETPOL-001');

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the 4 namespaces with outcome fail for NETPOL-004',
      }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        control: 'NETPOL-004',
        status: 'fail',
        offset: 0,
        limit: 25,
      }),
    );
  });

  it('sorts and pages on the server', async () => {
    const rows = [
      overviewRow('prod-eu', 'b'),
      overviewRow('prod-eu', 'a', 'fail'),
    ];
    const api = mockApi({
      getOverview: jest.fn().mockResolvedValue(overviewResponse(rows, 60)),
    });
    await renderOverview(api);
    const table = await screen.findByRole('table', { name: 'Namespaces' });

    await userEvent.click(
      within(table).getByRole('button', { name: 'Namespace' }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        sort: 'namespace',
        order: 'asc',
        offset: 0,
        limit: 25,
      }),
    );
    const names = () =>
      within(screen.getByRole('table', { name: 'Namespaces' }))
        .getAllByRole('row')
        .slice(1)
        .map(
          r =>
            within(r).getAllByRole('cell')[1].querySelector('strong')
              ?.textContent,
        );
    await waitFor(() => expect(names()).toEqual(['a', 'b']));

    await userEvent.click(
      within(screen.getByRole('table', { name: 'Namespaces' })).getByRole(
        'button',
        { name: 'Namespace' },
      ),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        sort: 'namespace',
        order: 'desc',
        offset: 0,
        limit: 25,
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        sort: 'namespace',
        order: 'desc',
        offset: 25,
        limit: 25,
      }),
    );
  });

  it('exports the whole filtered set as CSV', async () => {
    const all = Array.from({ length: 230 }, (_, i) =>
      overviewRow('prod-eu', `ns-${String(i).padStart(3, '0')}`, 'fail'),
    );
    const api = mockApi({
      getOverview: jest.fn(async q =>
        overviewResponse(
          all.slice(q!.offset ?? 0, (q!.offset ?? 0) + (q!.limit ?? 25)),
          all.length,
          q!.offset,
          q!.limit,
        ),
      ),
    });
    let blob: Blob | undefined;
    const createObjectURL = jest.fn((b: Blob) => {
      blob = b;
      return 'blob:netpol';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkLink(this: HTMLAnchorElement) {
        expect(this.download).toMatch(
          /^netpol-compliance-\d{4}-\d{2}-\d{2}\.csv$/,
        );
        expect(this.href).toBe('blob:netpol');
      });

    await renderOverview(api, '/netpol-compliance?status=fail');
    await screen.findByRole('table', { name: 'Namespaces' });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());

    const exportCalls = api.getOverview.mock.calls
      .map(c => c[0])
      .filter(q => q?.limit === 200);
    expect(exportCalls).toEqual([
      { status: 'fail', offset: 0, limit: 200 },
      { status: 'fail', offset: 200, limit: 200 },
    ]);
    const text = await blob!.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(231);
    expect(lines[0]).toMatch(
      /^cluster,namespace,owners,entities,exempt,NETPOL-001 status,NETPOL-001 reason,NETPOL-002 status/,
    );
    expect(lines[1]).toBe(
      'prod-eu,ns-000,group:default/team-pay,component:default/payments,,pass,Has a policy,pass,Calico,,,fail,ingress fail,,,,',
    );
    expect(blob!.type).toBe('text/csv;charset=utf-8');
    click.mockRestore();
  });

  it('draws the trend from history', async () => {
    const day = (ago: number) =>
      new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    const api = mockApi({
      getHistory: jest.fn().mockResolvedValue({
        points: [
          {
            day: day(1),
            control: 'NETPOL-004',
            counts: { fail: 6, warning: 1, pass: 3 },
          },
          {
            day: day(0),
            control: 'NETPOL-004',
            counts: { fail: 4, pass: 6 },
          },
        ],
      }),
    });
    await renderOverview(api);
    const chart = await screen.findByRole('img', {
      name: /Namespaces failing or warning per control/,
    });
    expect(chart).toHaveAccessibleName(
      expect.stringContaining('NETPOL-004 Default-deny ingress 4'),
    );
    expect(api.getHistory).toHaveBeenCalledWith({ days: 30 });
  });

  it('leaves a day without a scan as a gap in the trend, not a joined line', async () => {
    const day = (ago: number) =>
      new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    const api = mockApi({
      getHistory: jest.fn().mockResolvedValue({
        points: [3, 2, 0].map((ago, i) => ({
          day: day(ago),
          control: 'NETPOL-004',
          counts: { fail: 5 - i },
        })),
      }),
    });
    await renderOverview(api);
    const chart = await screen.findByRole('img', {
      name: /Namespaces failing or warning per control/,
    });
    // Three days ago and two days ago are joined; yesterday had no scan, so
    // today's value stands alone instead of a line drawn across yesterday.
    const lines = Array.from(chart.querySelectorAll('polyline'));
    expect(lines).toHaveLength(1);
    expect(lines[0].getAttribute('points')!.split(' ')).toHaveLength(2);
    // the axis holds every day of the 30 days asked for
    const table = screen.getByRole('table', {
      name: 'Namespaces failing or warning per control',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 30);
    expect(rows[rows.length - 2]).toHaveTextContent(`${day(1)}—`);
  });

  it('shows an error with a retry', async () => {
    const getOverview = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValue(
        overviewResponse([overviewRow('prod-eu', 'payments')]),
      );
    await renderOverview(mockApi({ getOverview }));
    expect(
      await screen.findByText(/Could not load the overview/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Namespaces' }),
    ).toBeInTheDocument();
  });

  it('rescans one cluster', async () => {
    const api = mockApi();
    await renderOverview(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescan prod-eu' }),
    );
    expect(api.requestScan).toHaveBeenCalledWith({ cluster: 'prod-eu' });
    expect(
      await screen.findByText(/Scan of prod-eu requested/),
    ).toBeInTheDocument();
  });

  it('offers no Rescan, for all or one cluster, to a user without the scan permission', async () => {
    const api = mockApi();
    await renderOverview(api, '/netpol-compliance', AuthorizeResult.DENY);
    const clusters = await screen.findByRole('table', { name: 'Clusters' });
    expect(
      within(clusters).getByText('Calico enforces NetworkPolicy'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rescan all' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Rescan / })).toBeNull();
  });
});
