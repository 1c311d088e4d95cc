import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { API, policy, reportWithConnections, WEB } from '../../testing/connections';
import { Connections } from './Connections';

/** payments denies all ingress: web's declared dependency is blocked; sandbox reaches web. */
function view(): EntityClusterView[] {
  const report = reportWithConnections([policy('payments', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })]);
  return [{ cluster: { name: 'prod' }, state: 'ok', results: [], namespaces: report.namespaces.filter(n => n.namespace === 'shop') }];
}

describe('Connections', () => {
  it('shows the blocked declared dependency first, with the policy side that blocks it', async () => {
    await renderInTestApp(<Connections entityRef={WEB} clusters={view()} />);
    expect(screen.getByText(/NETPOL-007: 1 of 1 declared connections are blocked/)).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Declared connections' })).getAllByRole('row');
    expect(within(rows[1]).getByText('Blocked')).toBeInTheDocument();
    expect(within(rows[1]).getByText('payments/Deployment/api')).toBeInTheDocument();
    expect(within(rows[1]).getByText(`dependsOn ${API}`)).toBeInTheDocument();
  });

  it('lists what is open without a declared relation, and whether the least-privilege set verified', async () => {
    await renderInTestApp(<Connections entityRef={WEB} clusters={view()} />);
    const open = screen.getByRole('list', { name: 'Open but undeclared' });
    expect(within(open).getByText('sandbox')).toBeInTheDocument();
    expect(within(open).getByText('outside the cluster')).toBeInTheDocument();
    // The set itself is in the namespace's details; here, whether it verified.
    const fixes = screen.getByRole('list', { name: 'Least-privilege policies' });
    expect(within(fixes).getByText('shop on prod: verified')).toBeInTheDocument();
    expect(screen.queryByText(/allow-egress-from-deployment-web/)).toBeNull();
  });

  it('says unknown, not allowed, when no scan read the catalog', async () => {
    const clusters = view().map(c => ({ ...c, namespaces: c.namespaces.map(n => ({ ...n, connections: undefined, leastPrivilege: undefined })) }));
    await renderInTestApp(<Connections entityRef={WEB} clusters={clusters} />);
    expect(screen.getByText(/NETPOL-007: No scan has checked the catalog relations yet/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
