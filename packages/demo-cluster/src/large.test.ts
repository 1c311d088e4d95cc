import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startDemoCluster } from './cluster';
import { getJson, pageUrl, request } from './__testUtils__/http';

/**
 * The benchmark scale: 100,000 pods in 200 namespaces, passed in memory the
 * way a benchmark generator does. Bounds are loose (CI machines vary); they
 * catch accidental O(n) work per page, which would take minutes.
 */
describe('large clusters', () => {
  const POD_COUNT = 100_000;
  const NAMESPACES = 200;

  function generate() {
    const objects: object[] = [];
    for (let i = 0; i < POD_COUNT; i++) {
      const ns = `ns-${String(i % NAMESPACES).padStart(3, '0')}`;
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `pod-${String(i).padStart(6, '0')}`,
          namespace: ns,
          labels: {
            app: `app-${i % 50}`,
            tier: i % 2 ? 'backend' : 'frontend',
          },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: `rs-${i % 500}`,
              controller: true,
            },
          ],
        },
        spec: {
          containers: [
            { name: 'main', image: 'nginx', ports: [{ containerPort: 8080 }] },
          ],
        },
        status: {
          phase: 'Running',
          podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
      });
    }
    return objects;
  }

  it('pages through 100,000 pods with limit/continue completely and in order', async () => {
    // Speed is the benchmark's to measure (npm run bench), not a unit test's:
    // here only completeness and order.
    const cluster = await startDemoCluster({
      objects: generate(),
      name: 'bench',
    });
    try {
      let count = 0;
      let pages = 0;
      let last = '';
      let inOrder = true;
      let cont: string | undefined;
      do {
        const { status, body } = await getJson(
          pageUrl(`${cluster.url}/api/v1/pods`, 500, cont),
        );
        expect(status).toBe(200);
        for (const item of body.items) {
          const key = `${item.metadata.namespace}/${item.metadata.name}`;
          if (key <= last) inOrder = false;
          last = key;
        }
        count += body.items.length;
        pages += 1;
        cont = body.metadata.continue;
      } while (cont);
      expect(count).toBe(POD_COUNT);
      expect(pages).toBe(POD_COUNT / 500);
      expect(inOrder).toBe(true);

      // A filtered page of one namespace.
      const ns = await getJson(
        `${cluster.url}/api/v1/namespaces/ns-199/pods?labelSelector=tier%3Dbackend&limit=100`,
      );
      expect(ns.body.items).toHaveLength(100);

      // The whole list in one response is streamed and well-formed.
      const all = await request(`${cluster.url}/api/v1/pods`);
      expect(all.headers['transfer-encoding']).toBe('chunked');
      expect(JSON.parse(all.text).items).toHaveLength(POD_COUNT);

      // Like kube-apiserver: a big body is gzipped when the client accepts
      // it, a small one is not, and without Accept-Encoding nothing is.
      const gzipped = await requestRaw(
        `${cluster.url}/api/v1/pods?limit=2000`,
        {
          'Accept-Encoding': 'gzip, deflate',
        },
      );
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toBe('Accept-Encoding');
      const unzipped = JSON.parse(gunzipSync(gzipped.body).toString('utf8'));
      expect(unzipped.items).toHaveLength(2000);
      expect(unzipped.metadata.continue).toEqual(expect.any(String));
      const small = await requestRaw(`${cluster.url}/api/v1/pods?limit=2`, {
        'Accept-Encoding': 'gzip',
      });
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(all.headers['content-encoding']).toBeUndefined();
      const refused = await requestRaw(
        `${cluster.url}/api/v1/pods?limit=2000`,
        {
          'Accept-Encoding': 'gzip;q=0, identity',
        },
      );
      expect(refused.headers['content-encoding']).toBeUndefined();

      const namespaces = await getJson(`${cluster.url}/api/v1/namespaces`);
      expect(namespaces.body.items).toHaveLength(NAMESPACES);
    } finally {
      await cluster.stop();
    }
  }, 120_000);
});

/** The raw bytes and headers of a GET, without decoding the body. */
function requestRaw(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}
