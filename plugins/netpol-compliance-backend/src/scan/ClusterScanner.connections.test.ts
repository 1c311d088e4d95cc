/**
 * Declared connections (NETPOL-007) are checked by the scan, where the
 * snapshot is, and land in the stored namespace rows the entity view serves.
 */
import type { Entity } from '@backstage/catalog-model';
import type { KubernetesBackendClient, PageSink } from '../kubernetes/KubernetesBackendClient';
import { toCatalogComponent } from '../connections/catalogComponents';
import { ClusterScanner } from './ClusterScanner';
import { inlineSession } from './worker/ScanSession';
import { startWorkerSession } from './worker/WorkerSession';

const ID = 'backstage.io/kubernetes-id';

/** Serves these items per list path (empty lists elsewhere). */
function clientServing(items: Record<string, unknown[]>) {
  return {
    get: async () => ({ groups: [] }),
    listPages: async (_cluster: string, path: string, _options: unknown, sink: PageSink) => {
      const list = items[path.split('?')[0]] ?? [];
      await sink.page({ bytes: new TextEncoder().encode(JSON.stringify({ items: list })), gzipped: false });
    },
  } as unknown as KubernetesBackendClient;
}

const pod = (namespace: string, name: string, labels: Record<string, string>) => ({
  metadata: { namespace, name, labels },
  spec: { containers: [{ name: 'main', ports: [{ containerPort: 8080 }] }] },
  status: { phase: 'Running', podIP: namespace === 'shop' ? '10.0.0.1' : '10.0.1.1' },
});

const component = (name: string, spec: Record<string, unknown> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { [ID]: name } },
  spec: { type: 'service', lifecycle: 'production', owner: 'team', ...spec },
});

const cluster = clientServing({
  '/api/v1/namespaces': [{ metadata: { name: 'shop' } }, { metadata: { name: 'payments' } }],
  '/api/v1/pods': [pod('shop', 'web-0', { [ID]: 'shop-web' }), pod('payments', 'api-0', { [ID]: 'payments-api' })],
  '/apis/networking.k8s.io/v1/networkpolicies': [
    {
      metadata: { namespace: 'payments', name: 'default-deny-ingress' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
  ],
});

const catalog = [
  toCatalogComponent(component('shop-web', { dependsOn: ['component:default/payments-api'] })),
  toCatalogComponent(component('payments-api')),
];

const rowOf = (parts: { namespaces: Array<{ namespace: string; report: string }> }, namespace: string) =>
  JSON.parse(parts.namespaces.find(n => n.namespace === namespace)!.report);

describe('ClusterScanner and the catalog’s declared connections', () => {
  it.each([
    ['inline', inlineSession],
    ['in the worker thread (the catalog crosses as a message)', startWorkerSession],
  ])('stores a declared dependency that a policy blocks in the namespace rows, %s', async (_where, sessions) => {
    const scanner = new ClusterScanner({
      client: cluster,
      requestConcurrency: 4,
      clusterTimeoutMs: 10_000,
      evaluateOptions: () => ({}),
      catalogComponents: async () => catalog,
      sessions,
    });
    const { parts } = await scanner.scan({ name: 'prod', authProvider: 'serviceAccount' });
    const shop = rowOf(parts, 'shop');
    const web = shop.connections.find((c: any) => c.entityRef === 'component:default/shop-web');
    const toPayments = web.connections.find((c: any) => c.connection.to === 'component:default/payments-api');
    expect(toPayments.verdict).toBe('blocked');
  });

  it('checks nothing, and claims nothing, when the catalog could not be read', async () => {
    const scanner = new ClusterScanner({
      client: cluster,
      requestConcurrency: 4,
      clusterTimeoutMs: 10_000,
      evaluateOptions: () => ({}),
      catalogComponents: async () => undefined,
    });
    const { parts } = await scanner.scan({ name: 'prod', authProvider: 'serviceAccount' });
    expect(rowOf(parts, 'shop').connections).toBeUndefined();
  });
});
