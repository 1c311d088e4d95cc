import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type {
  PolicySummary,
  WorkloadReport,
} from '@netpol/plugin-netpol-compliance-common';
import { PolicyList } from './PolicyList';
import { ResultEvidence } from './ResultEvidence';
import { WorkloadsTable } from './WorkloadsTable';

const summary = (p: Partial<PolicySummary>): PolicySummary => ({
  kind: 'NetworkPolicy',
  name: 'x',
  policyTypes: [],
  ...p,
});

describe('evidence of the network-policy API kinds', () => {
  it('shows the tier and priority of admin policies, and where they run', async () => {
    await renderInTestApp(
      <PolicyList
        policies={[
          summary({
            kind: 'AdminNetworkPolicy',
            name: 'ingress-to-reports',
            clusterWide: true,
            tier: 'Admin',
            priority: 10,
          }),
          summary({
            kind: 'BaselineAdminNetworkPolicy',
            name: 'default',
            clusterWide: true,
            tier: 'Baseline',
          }),
        ]}
      />,
    );
    expect(
      screen.getByText(/AdminNetworkPolicy ingress-to-reports/).parentElement
        ?.textContent,
    ).toMatch(/Admin tier, priority 10, evaluated before NetworkPolicies/);
    expect(
      screen.getByText(/BaselineAdminNetworkPolicy default/).parentElement
        ?.textContent,
    ).toMatch(/Baseline tier, evaluated after NetworkPolicies/);
  });

  it('names the admin policies selecting a workload', async () => {
    const workload: WorkloadReport = {
      labels: { app: 'reports-api' },
      kind: 'Deployment',
      name: 'reports-api',
      namespace: 'reports',
      pods: 1,
      covered: true,
      ingressPolicies: [],
      egressPolicies: [],
      otherPolicies: [],
      adminPolicies: [{ kind: 'BaselineAdminNetworkPolicy', name: 'default' }],
    };
    await renderInTestApp(<WorkloadsTable workloads={[workload]} />);
    expect(
      screen.getByText(
        'Cluster admin policies: BaselineAdminNetworkPolicy default',
      ),
    ).toBeInTheDocument();
  });

  it('says which network-policy API kinds an enforcer implements', async () => {
    await renderInTestApp(
      <ResultEvidence
        evidence={{
          enforcers: [
            {
              name: 'Calico',
              enforcing: true,
              source: 'DaemonSet kube-system/calico-node',
              implements: ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'],
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(
        /implements AdminNetworkPolicy, BaselineAdminNetworkPolicy/,
      ),
    ).toBeInTheDocument();
  });
});
