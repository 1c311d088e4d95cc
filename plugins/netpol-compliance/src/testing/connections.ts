/**
 * A small catalog and cluster for the connection components' tests, run
 * through the real engine: shop-web depends on payments-api; sandbox runs
 * a toolbox nobody declares.
 */
import {
  attachCatalogConnections,
  CatalogComponent,
  ClusterReport,
  ClusterSnapshot,
  evaluateCluster,
  NetworkPolicySnapshot,
} from '@netpol/plugin-netpol-compliance-common';

export const WEB = 'component:default/shop-web';
export const API = 'component:default/payments-api';

export const components: CatalogComponent[] = [
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

export const policy = (namespace: string, name: string, spec: NetworkPolicySnapshot['spec']): NetworkPolicySnapshot => ({
  namespace,
  name,
  labels: {},
  annotations: {},
  spec,
});

/** The cluster `prod` with these policies, evaluated with the catalog's connections attached. */
export function reportWithConnections(
  networkPolicies: NetworkPolicySnapshot[],
  options: { maxFixes?: number } = {},
): ClusterReport {
  const snapshot: ClusterSnapshot = {
    cluster: { name: 'prod' },
    collectedAt: '2026-01-01T00:00:00Z',
    namespaces: ['shop', 'payments', 'sandbox'].map(name => ({ name, labels: {}, annotations: {} })),
    pods: [],
    controllers: [deployment('shop', 'web'), deployment('payments', 'api'), deployment('sandbox', 'toolbox')],
    networkPolicies,
    otherPolicies: [],
    configMaps: [],
    missing: [],
  };
  const report = evaluateCluster(snapshot);
  attachCatalogConnections(report, snapshot, components, options);
  return report;
}
