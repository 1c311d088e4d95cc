import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { WorkloadReport } from '@netpol/plugin-netpol-compliance-common';
import { WorkloadsTable } from './WorkloadsTable';

const db: WorkloadReport = {
  kind: 'Pod',
  name: 'db',
  namespace: 'shop',
  labels: { app: 'db' },
  pods: 1,
  covered: true,
  ingressPolicies: [{ kind: 'NetworkPolicy', namespace: 'shop', name: 'allow-web' }],
  egressPolicies: [],
  otherPolicies: [],
  adminPolicies: [{ kind: 'AdminNetworkPolicy', name: 'deny-to-db' }],
  reach: {
    fromOtherNamespaces: false,
    fromOutsideCluster: false,
    why: {
      fromOtherNamespaces:
        'from client: denied by AdminNetworkPolicy deny-to-db ingress rule 2 "deny-client" (admin tier), before shop/allow-web',
      fromOutsideCluster: 'isolated by shop/allow-web; no rule allows it',
    },
  },
};

describe('WorkloadsTable', () => {
  it('says what decided each reach answer, beside the answer', async () => {
    await renderInTestApp(<WorkloadsTable workloads={[db]} />);
    const [, row] = screen.getAllByRole('row');
    const cells = within(row).getAllByRole('cell');
    expect(cells[4].textContent).toBe(
      'Not reachable from other namespacesfrom client: denied by AdminNetworkPolicy deny-to-db ingress rule 2 "deny-client" (admin tier), before shop/allow-web',
    );
    expect(cells[5].textContent).toBe(
      'Not reachable from outsideisolated by shop/allow-web; no rule allows it',
    );
  });

  it('shows a report stored before the reasons existed without them', async () => {
    const { why, ...old } = db.reach!;
    await renderInTestApp(<WorkloadsTable workloads={[{ ...db, reach: old }]} />);
    expect(screen.getByText('Not reachable from other namespaces')).toBeInTheDocument();
    expect(screen.queryByText(/denied by/)).not.toBeInTheDocument();
  });
});
