import type { KubernetesBackendClient, PageSink } from '../kubernetes/KubernetesBackendClient';
import { KubernetesRequestError } from '../kubernetes/KubernetesBackendClient';
import { ClusterScanner } from './ClusterScanner';

/** A client that serves empty lists and the given discovery document, and records what was listed. */
function fakeClient(groups: unknown, failing: Record<string, KubernetesRequestError> = {}) {
  const listed: string[] = [];
  const client = {
    get: async () => ({ groups }),
    listPages: async (_cluster: string, path: string, _options: unknown, sink: PageSink) => {
      listed.push(path.split('?')[0]);
      const error = failing[path.split('?')[0]];
      if (error) throw error;
      await sink.page({ bytes: new TextEncoder().encode('{"items":[]}'), gzipped: false });
    },
  } as unknown as KubernetesBackendClient;
  return { client, listed };
}

const scannerWith = (client: KubernetesBackendClient, logger?: any) =>
  new ClusterScanner({ client, requestConcurrency: 4, clusterTimeoutMs: 10_000, evaluateOptions: () => ({}), logger });

const cluster = { name: 'prod', authProvider: 'serviceAccount' };

describe('ClusterScanner', () => {
  it('lists a CRD kind only where discovery serves its group version', async () => {
    const { client, listed } = fakeClient([
      { name: 'policy.networking.k8s.io', versions: [{ groupVersion: 'policy.networking.k8s.io/v1alpha1' }] },
    ]);
    await scannerWith(client).scan(cluster);
    expect(listed).toContain('/apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies');
    expect(listed.some(p => p.includes('/v1alpha2/'))).toBe(false);
    expect(listed.some(p => p.includes('cilium.io'))).toBe(false);
  });

  it('stores the plugin’s words for a failed list and logs the cluster’s own', async () => {
    const forbidden = new KubernetesRequestError(
      'the cluster refused the request: forbidden (HTTP 403, Forbidden)',
      403,
      'Forbidden',
      'pods is forbidden: User "system:serviceaccount:ops:reader" cannot list',
    );
    const { client } = fakeClient([], { '/api/v1/pods': forbidden });
    const warn = jest.fn();
    const logger = { child: () => ({ warn }) };
    const { parts } = await scannerWith(client, logger).scan(cluster);
    const text = JSON.stringify(parts);
    expect(text).toContain('Pod list failed: the cluster refused the request: forbidden (HTTP 403, Forbidden)');
    expect(text).not.toContain('serviceaccount');
    expect(warn).toHaveBeenCalledWith('Pod list failed', expect.objectContaining({ status: 403, detail: expect.stringContaining('serviceaccount') }));
  });

  it('marks what it could not read as missing when its signal stops it', async () => {
    const stop = new AbortController();
    stop.abort();
    const client = {
      get: async () => ({ groups: [] }),
      listPages: async () => {
        throw new KubernetesRequestError('the scan was stopped (timed out)', 0);
      },
    } as unknown as KubernetesBackendClient;
    const { parts } = await scannerWith(client).scan(cluster, { signal: stop.signal });
    expect(parts.head.errors.find(e => e.resource === 'namespaces')?.reason).toMatch(/timed out/);
  });
});
