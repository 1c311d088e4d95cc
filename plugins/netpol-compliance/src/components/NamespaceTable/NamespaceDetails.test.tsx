import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { policy, reportWithConnections } from '../../testing/connections';
import { netpolComplianceApiRef } from '../../api';
import { mockApi, passingNamespace } from '../../testing/fixtures';
import { NamespaceDetails } from './NamespaceDetails';

describe('NamespaceDetails', () => {
  it('lists an ignored invalid object even when every control passes', async () => {
    const report = {
      ...passingNamespace('prod', 'shop'),
      ignored: [
        {
          object: {
            kind: 'CalicoNetworkPolicy',
            namespace: 'shop',
            name: 'allow-web',
          },
          problems: ['spec.order: must be a number'],
        },
      ],
    };
    expect(report.results.every(r => r.status === 'pass')).toBe(true);
    await renderInTestApp(<NamespaceDetails report={report} />);
    expect(
      screen.getByRole('region', { name: 'Ignored objects' }),
    ).toHaveTextContent(
      'CalicoNetworkPolicy shop/allow-web: spec.order: must be a number',
    );
  });
});

describe('NamespaceDetails: the least-privilege set beside the default deny', () => {
  /** shop lets every namespace in (allow-from-all) and has its own DNS policy: the set deletes one, overwrites the other. */
  function shopReport(maxFixes?: number) {
    const report = reportWithConnections(
      [
        policy('shop', 'allow-from-all', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] }),
        policy('shop', 'allow-dns-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
      ],
      maxFixes === undefined ? {} : { maxFixes },
    );
    return report.namespaces.find(n => n.namespace === 'shop')!;
  }

  /** The findings' docs links read the control catalogue through the API. */
  const render = (report: NamespaceReport) =>
    renderInTestApp(
      <TestApiProvider apis={[[netpolComplianceApiRef, mockApi()]]}>
        <NamespaceDetails report={report} cluster="prod" />
      </TestApiProvider>,
    );

  it('shows the verified set, the policies it deletes with what they let in today, and the one it overwrites', async () => {
    const report = shopReport();
    await render(report);
    const fix = screen.getByRole('region', { name: 'Least-privilege policies for shop on prod' });
    expect(within(fix).getByText('Verified with these policies applied')).toBeInTheDocument();
    const replaced = within(fix).getByRole('list', { name: 'Policies replaced in shop on prod' });
    expect(replaced).toHaveTextContent(
      'allow-from-all: it admits sources from outside the namespace; the set admits only the declared ones; today it lets in payments to Deployment/web, sandbox to Deployment/web',
    );
    expect(fix).toHaveTextContent('kubectl delete networkpolicy -n shop allow-from-all');
    // apply overwrites a policy of the same name: deleting it after the apply would delete the new one.
    expect(fix).not.toHaveTextContent('-n shop allow-from-all allow-dns-egress');
    expect(fix).toHaveTextContent('Overwrites allow-dns-egress (the same name).');
    expect(within(fix).getByRole('list', { name: 'Verification for shop on prod' })).toHaveTextContent(
      'No cluster DNS pods in the cluster data',
    );
    expect(fix).toHaveTextContent('allow-egress-from-deployment-web');
  });

  it('says why a namespace has no set when the scan reached its cap, and how to get one', async () => {
    const report = shopReport(0);
    expect(report.leastPrivilege).toBeUndefined();
    await render(report);
    expect(screen.queryByRole('region', { name: /Least-privilege policies/ })).toBeNull();
    expect(screen.getByText(/No least-privilege policies for this namespace in this scan: a scan verifies least-privilege policies for 0 namespaces/)).toBeInTheDocument();
    expect(screen.getByText(/netpol-compliance remediate shop --catalog/)).toBeInTheDocument();
  });

  it('does not count declared connections where none has an end in the namespace', async () => {
    const report = shopReport();
    const fix = { ...report.leastPrivilege!, declared: [] };
    await render({ ...report, leastPrivilege: fix });
    expect(screen.getByRole('list', { name: 'Verification for shop on prod' })).toHaveTextContent(
      'No declared connection has an end in this namespace',
    );
    expect(screen.queryByText(/0 of 0/)).toBeNull();
  });
});
