/**
 * A session evaluates and sends its namespaces one at a time: the rows
 * must be exactly those of the whole report made at once, the catalog's
 * connections and least-privilege fixes included.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  attachCatalogConnections,
  buildClusterSnapshot,
  evaluateCluster,
} from '@netpol/plugin-netpol-compliance-common';
import { toCatalogComponent } from '../../connections/catalogComponents';
import { splitReport } from '../../store/reportParts';
import { inlineSession } from './ScanSession';

const ID = 'backstage.io/kubernetes-id';
const start = { cluster: { name: 'prod' }, collectedAt: '2026-12-01T00:00:00.000Z' };

const pod = (namespace: string, name: string, id: string, ip: string) => ({
  metadata: { namespace, name, labels: { [ID]: id, app: id } },
  spec: { containers: [{ name: 'main', ports: [{ containerPort: 8080 }] }] },
  status: { phase: 'Running', podIP: ip },
});
const namespaces = ['shop', 'payments', 'ledger'].map(name => ({ metadata: { name } }));
const pods = [
  pod('shop', 'web-0', 'shop-web', '10.0.0.1'),
  pod('payments', 'api-0', 'payments-api', '10.0.1.1'),
  pod('ledger', 'db-0', 'ledger-db', '10.0.2.1'),
];
const denyAll = (namespace: string) => ({
  metadata: { namespace, name: 'deny' },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
});
const policies = [denyAll('payments'), denyAll('ledger')];

const component = (name: string, dependsOn: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { [ID]: name } },
  spec: { type: 'service', lifecycle: 'production', owner: 'team', dependsOn },
});
const catalog = [
  toCatalogComponent(component('shop-web', ['component:default/payments-api'])),
  toCatalogComponent(component('payments-api', ['component:default/ledger-db'])),
  toCatalogComponent(component('ledger-db')),
];
// payments is exempt: it has blocked connections, but gets no fix.
const options = { exemptNamespaces: ['payments'] };

const encode = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));

describe('ScanSessionCore, namespace by namespace', () => {
  it('stores exactly the rows of the whole report, connections and fixes included', async () => {
    const session = inlineSession(start);
    await session.page(0, 'Namespace', 'v1', encode({ items: namespaces }));
    await session.page(1, 'Pod', 'v1', encode({ items: pods }));
    await session.page(2, 'NetworkPolicy', 'networking.k8s.io/v1', encode({ items: policies }));
    for (const list of [0, 1, 2]) await session.commit(list);
    const { parts } = await session.finish({ ...options, catalog });

    const { snapshot } = buildClusterSnapshot({
      ...start,
      objects: [
        ...namespaces.map(o => ({ apiVersion: 'v1', kind: 'Namespace', ...o })),
        ...pods.map(o => ({ apiVersion: 'v1', kind: 'Pod', ...o })),
        ...policies.map(o => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...o })),
      ],
    });
    const whole = evaluateCluster(snapshot, options);
    attachCatalogConnections(whole, snapshot, catalog);
    expect(parts).toEqual(splitReport(whole));

    // The comparison is not vacuous: connections and a fix are there, and none for the exempt namespace.
    const rows = new Map(parts.namespaces.map(r => [r.namespace, JSON.parse(r.report)]));
    expect(rows.get('payments').exemption).toBeDefined();
    expect(rows.get('payments').connections.length).toBeGreaterThan(0);
    expect(rows.get('payments').leastPrivilege).toBeUndefined();
    expect(rows.get('ledger').connections.length).toBeGreaterThan(0);
    expect(rows.get('ledger').leastPrivilege).toBeDefined();
  });
});
