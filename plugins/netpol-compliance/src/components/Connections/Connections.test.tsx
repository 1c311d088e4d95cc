import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  attachCatalogConnections,
  CatalogComponent,
  ClusterSnapshot,
  EntityClusterView,
  evaluateCluster,
} from '@netpol/plugin-netpol-compliance-common';
import { Connections } from './Connections';

const WEB = 'component:default/shop-web';
const API = 'component:default/payments-api';

const components: CatalogComponent[] = [
  { ref: WEB, mapping: { mapped: true, labelSelector: 'app=web' }, dependsOn: [API] },
  { ref: API, mapping: { mapped: true, labelSelector: 'app=api' } },
];

const deployment = (namespace: string, name: string) => ({
  kind: 'Deployment',
  namespace,
  name,
  labels: {},
  ownerReferences: [],
  templateLabels: { app: name },
  templatePorts: [{ containerPort: 8080 }],
  containers: [],
});

/** payments denies all ingress: web's declared dependency is blocked; sandbox reaches web. */
function view(): EntityClusterView[] {
  const snapshot: ClusterSnapshot = {
    cluster: { name: 'prod' },
    collectedAt: '2026-01-01T00:00:00Z',
    namespaces: ['shop', 'payments', 'sandbox'].map(name => ({ name, labels: {}, annotations: {} })),
    pods: [],
    controllers: [deployment('shop', 'web'), deployment('payments', 'api'), deployment('sandbox', 'toolbox')],
    networkPolicies: [
      { namespace: 'payments', name: 'deny-ingress', labels: {}, annotations: {}, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    ],
    otherPolicies: [],
    configMaps: [],
    missing: [],
  };
  const report = evaluateCluster(snapshot);
  attachCatalogConnections(report, snapshot, components);
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
