import { buildClusterSnapshot, toSnapshotRecords } from './buildClusterSnapshot';

const service = (spec: Record<string, unknown> | undefined, name = 'web') => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop', labels: { team: 'shop' }, annotations: { big: 'x'.repeat(1000) } },
  ...(spec ? { spec } : {}),
  status: { loadBalancer: {} },
});

describe('Services in a snapshot', () => {
  it('keeps the namespace, the selector and the ports (port, targetPort, protocol, name) only', () => {
    const [record] = toSnapshotRecords(
      service({
        type: 'ClusterIP',
        clusterIP: '10.96.0.12',
        selector: { app: 'web' },
        sessionAffinity: 'None',
        ports: [
          { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' },
          { port: 443, targetPort: 'https' },
          { port: 9090 },
          { port: 'not a number', targetPort: 1 },
        ],
      }),
    );
    expect(record).toEqual({
      type: 'service',
      value: {
        namespace: 'shop',
        name: 'web',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
          { port: 443, targetPort: 'https' },
          { port: 9090 },
        ],
      },
    });
  });

  it('skips a Service that selects no pods (no selector: endpoints kept by hand, ExternalName)', () => {
    for (const spec of [undefined, { ports: [{ port: 80 }] }, { selector: {}, ports: [{ port: 80 }] }]) {
      expect(toSnapshotRecords(service(spec))).toEqual([{ type: 'skipped', kind: 'Service' }]);
    }
  });

  it('goes to snapshot.services, read from an API list page too', () => {
    const { snapshot, skipped } = buildClusterSnapshot({
      cluster: { name: 'c' },
      collectedAt: '2026-01-01T00:00:00Z',
      objects: [
        {
          kind: 'ServiceList',
          apiVersion: 'v1',
          items: [
            { metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
            { metadata: { name: 'kubernetes', namespace: 'default' }, spec: { ports: [{ port: 443 }] } },
          ],
        },
      ],
    });
    expect(snapshot.services).toEqual([
      { namespace: 'shop', name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }] },
    ]);
    expect(skipped).toEqual({ Service: 1 });
  });
});
