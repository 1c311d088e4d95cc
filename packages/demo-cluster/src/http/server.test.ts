import { DemoCluster, startDemoCluster } from '../cluster';
import {
  expectContinueExpired,
  getJson,
  pageUrl,
  request,
} from '../__testUtils__/http';
import { networkPolicy, pod, sampleObjects } from '../__testUtils__/fixtures';

/** Every pod of sampleObjects(), as `namespace/name` in list order. */
const ALL_PODS = [
  'default/no-namespace',
  'payments/api-1',
  'shop/cart-1',
  'shop/web-1',
  'shop/web-2',
  'undeclared/lonely',
];

describe('demo cluster HTTP API', () => {
  let cluster: DemoCluster;

  beforeEach(async () => {
    cluster = await startDemoCluster({
      objects: sampleObjects(),
      name: 'test',
    });
  });

  afterEach(async () => {
    await cluster.stop();
  });

  const names = (body: any) =>
    body.items.map(
      (i: any) => `${i.metadata.namespace ?? ''}/${i.metadata.name}`,
    );

  describe('discovery', () => {
    it('serves /version with a parseable gitVersion', async () => {
      const { status, body } = await getJson(`${cluster.url}/version`);
      expect(status).toBe(200);
      expect(body.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
      expect(body.major).toBe('1');
      expect(body.platform).toBe('linux/amd64');
    });

    it('serves /healthz and /readyz as plain ok', async () => {
      for (const path of ['/healthz', '/readyz']) {
        const res = await request(`${cluster.url}${path}`);
        expect(res.status).toBe(200);
        expect(res.text).toBe('ok');
      }
    });

    it('serves /api as APIVersions', async () => {
      const { body } = await getJson(`${cluster.url}/api`);
      expect(body.kind).toBe('APIVersions');
      expect(body.versions).toEqual(['v1']);
      expect(body.serverAddressByClientCIDRs[0].serverAddress).toBe(
        `127.0.0.1:${cluster.port}`,
      );
    });

    it('lists exactly the served core resources under /api/v1', async () => {
      const { body } = await getJson(`${cluster.url}/api/v1`);
      expect(body.kind).toBe('APIResourceList');
      expect(body.groupVersion).toBe('v1');
      expect(body.resources.map((r: any) => r.name)).toEqual([
        'namespaces',
        'pods',
        'configmaps',
        'services',
      ]);
      const ns = body.resources.find((r: any) => r.name === 'namespaces');
      expect(ns).toMatchObject({
        kind: 'Namespace',
        namespaced: false,
        verbs: ['get', 'list'],
      });
    });

    it('lists the built-in groups in /apis and hides CRD groups without objects', async () => {
      const { body } = await getJson(`${cluster.url}/apis`);
      expect(body.kind).toBe('APIGroupList');
      expect(body.groups.map((g: any) => g.name)).toEqual([
        'networking.k8s.io',
        'apps',
        'batch',
      ]);
      expect(body.groups[1].preferredVersion).toEqual({
        groupVersion: 'apps/v1',
        version: 'v1',
      });
      expect((await request(`${cluster.url}/apis/cilium.io/v2`)).status).toBe(
        404,
      );
      expect(
        (
          await request(
            `${cluster.url}/apis/cilium.io/v2/ciliumnetworkpolicies`,
          )
        ).status,
      ).toBe(404);
    });

    it('serves /apis/<group> and /apis/<group>/<version>', async () => {
      const group = await getJson(`${cluster.url}/apis/apps`);
      expect(group.body).toMatchObject({ kind: 'APIGroup', name: 'apps' });
      const { body } = await getJson(`${cluster.url}/apis/apps/v1`);
      expect(body).toMatchObject({
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'apps/v1',
      });
      expect(body.resources.map((r: any) => r.name)).toEqual([
        'daemonsets',
        'deployments',
        'replicasets',
        'statefulsets',
      ]);
      const batch = await getJson(`${cluster.url}/apis/batch/v1`);
      expect(batch.body.resources.map((r: any) => r.name)).toEqual([
        'jobs',
        'cronjobs',
      ]);
    });

    it('adds Cilium and Calico APIs once such policies exist', async () => {
      cluster.setObjects([
        ...sampleObjects(),
        {
          apiVersion: 'cilium.io/v2',
          kind: 'CiliumNetworkPolicy',
          metadata: { name: 'l7', namespace: 'shop' },
          spec: { endpointSelector: {} },
        },
        {
          apiVersion: 'projectcalico.org/v3',
          kind: 'GlobalNetworkPolicy',
          metadata: { name: 'deny-all' },
          spec: { selector: 'all()' },
        },
      ]);
      const { body } = await getJson(`${cluster.url}/apis`);
      expect(body.groups.map((g: any) => g.name)).toEqual(
        expect.arrayContaining(['cilium.io', 'projectcalico.org']),
      );
      const cilium = await getJson(`${cluster.url}/apis/cilium.io/v2`);
      expect(cilium.body.resources).toEqual([
        expect.objectContaining({
          name: 'ciliumnetworkpolicies',
          namespaced: true,
        }),
        expect.objectContaining({
          name: 'ciliumclusterwidenetworkpolicies',
          namespaced: false,
        }),
      ]);
      const cnps = await getJson(
        `${cluster.url}/apis/cilium.io/v2/namespaces/shop/ciliumnetworkpolicies`,
      );
      expect(cnps.body.kind).toBe('CiliumNetworkPolicyList');
      expect(names(cnps.body)).toEqual(['shop/l7']);
      const ccnps = await getJson(
        `${cluster.url}/apis/cilium.io/v2/ciliumclusterwidenetworkpolicies`,
      );
      expect(ccnps.body.items).toEqual([]);
      const gnp = await getJson(
        `${cluster.url}/apis/projectcalico.org/v3/globalnetworkpolicies/deny-all`,
      );
      expect(gnp.body).toMatchObject({
        kind: 'GlobalNetworkPolicy',
        apiVersion: 'projectcalico.org/v3',
        metadata: { name: 'deny-all' },
      });
      expect(gnp.body.metadata.namespace).toBeUndefined();
      // Calico's namespaced NetworkPolicy is distinct from networking.k8s.io's.
      const calicoNp = await getJson(
        `${cluster.url}/apis/projectcalico.org/v3/networkpolicies`,
      );
      expect(calicoNp.body.items).toEqual([]);
    });
  });

  describe('lists and gets', () => {
    it('lists pods cluster-wide sorted by namespace then name, with list metadata', async () => {
      const { status, body } = await getJson(`${cluster.url}/api/v1/pods`);
      expect(status).toBe(200);
      expect(body.kind).toBe('PodList');
      expect(body.apiVersion).toBe('v1');
      expect(body.metadata.resourceVersion).toBe(cluster.resourceVersion);
      expect(body.metadata.continue).toBeUndefined();
      expect(names(body)).toEqual(ALL_PODS);
    });

    it('serves list items without kind and apiVersion, like the API server', async () => {
      const { body } = await getJson(`${cluster.url}/api/v1/pods`);
      for (const item of body.items) {
        expect(item).not.toHaveProperty('kind');
        expect(item).not.toHaveProperty('apiVersion');
        expect(item.metadata.uid).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(item.metadata.resourceVersion).toMatch(/^\d+$/);
        expect(item.metadata.creationTimestamp).toMatch(
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
        );
      }
    });

    it('lists per namespace', async () => {
      const { body } = await getJson(
        `${cluster.url}/api/v1/namespaces/shop/pods`,
      );
      expect(names(body)).toEqual(['shop/cart-1', 'shop/web-1', 'shop/web-2']);
      const empty = await getJson(
        `${cluster.url}/api/v1/namespaces/nowhere/pods`,
      );
      expect(empty.status).toBe(200);
      expect(empty.body.items).toEqual([]);
    });

    it('gets one object with kind and apiVersion', async () => {
      const { status, body } = await getJson(
        `${cluster.url}/api/v1/namespaces/shop/pods/web-1`,
      );
      expect(status).toBe(200);
      expect(body.kind).toBe('Pod');
      expect(body.apiVersion).toBe('v1');
      expect(body.metadata).toMatchObject({
        name: 'web-1',
        namespace: 'shop',
        labels: { app: 'web' },
      });
      expect(Object.keys(body).slice(0, 3)).toEqual([
        'kind',
        'apiVersion',
        'metadata',
      ]);
    });

    it('puts namespaced objects without a namespace into default', async () => {
      const { status, body } = await getJson(
        `${cluster.url}/api/v1/namespaces/default/pods/no-namespace`,
      );
      expect(status).toBe(200);
      expect(body.metadata.namespace).toBe('default');
    });

    it('serves referenced but undeclared namespaces, with the real labels and phase', async () => {
      const { body } = await getJson(`${cluster.url}/api/v1/namespaces`);
      expect(body.kind).toBe('NamespaceList');
      expect(names(body)).toEqual([
        '/default',
        '/kube-system',
        '/payments',
        '/shop',
        '/undeclared',
      ]);
      const undeclared = body.items.find(
        (i: any) => i.metadata.name === 'undeclared',
      );
      expect(undeclared.metadata.labels).toEqual({
        'kubernetes.io/metadata.name': 'undeclared',
      });
      expect(undeclared.status).toEqual({ phase: 'Active' });
      const shop = await getJson(`${cluster.url}/api/v1/namespaces/shop`);
      expect(shop.body).toMatchObject({
        kind: 'Namespace',
        metadata: {
          name: 'shop',
          labels: { team: 'shop', 'kubernetes.io/metadata.name': 'shop' },
        },
      });
    });

    it('serves networkpolicies, workloads, configmaps and cronjobs at their real paths', async () => {
      const np = await getJson(
        `${cluster.url}/apis/networking.k8s.io/v1/networkpolicies`,
      );
      expect(np.body).toMatchObject({
        kind: 'NetworkPolicyList',
        apiVersion: 'networking.k8s.io/v1',
      });
      expect(names(np.body)).toEqual(['shop/default-deny']);
      const npNs = await getJson(
        `${cluster.url}/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/default-deny`,
      );
      expect(npNs.body).toMatchObject({
        kind: 'NetworkPolicy',
        spec: { policyTypes: ['Ingress'] },
      });
      const ds = await getJson(
        `${cluster.url}/apis/apps/v1/namespaces/kube-system/daemonsets`,
      );
      expect(ds.body.kind).toBe('DaemonSetList');
      expect(names(ds.body)).toEqual(['kube-system/calico-node']);
      const deploy = await getJson(`${cluster.url}/apis/apps/v1/deployments`);
      expect(names(deploy.body)).toEqual(['shop/web']);
      const cm = await getJson(
        `${cluster.url}/api/v1/namespaces/kube-system/configmaps/kube-proxy`,
      );
      expect(cm.body.data).toEqual({ mode: 'iptables' });
      const cj = await getJson(`${cluster.url}/apis/batch/v1/cronjobs`);
      expect(cj.body).toMatchObject({
        kind: 'CronJobList',
        apiVersion: 'batch/v1',
      });
      const sts = await getJson(`${cluster.url}/apis/apps/v1/statefulsets`);
      expect(sts.body.items).toEqual([]);
    });

    it('generates uids deterministically per cluster name and keeps given metadata', async () => {
      const again = await startDemoCluster({
        objects: sampleObjects(),
        name: 'test',
      });
      const other = await startDemoCluster({
        objects: sampleObjects(),
        name: 'other',
      });
      const explicit = await startDemoCluster({
        objects: [
          {
            ...pod('a', 'p'),
            metadata: {
              name: 'p',
              namespace: 'a',
              uid: 'given',
              resourceVersion: '77',
              creationTimestamp: '2020-02-02T00:00:00Z',
            },
          },
        ],
      });
      try {
        const path = '/api/v1/namespaces/shop/pods/web-1';
        const a = (await getJson(cluster.url + path)).body.metadata;
        const b = (await getJson(again.url + path)).body.metadata;
        const c = (await getJson(other.url + path)).body.metadata;
        expect(b.uid).toBe(a.uid);
        expect(b.creationTimestamp).toBe(a.creationTimestamp);
        expect(c.uid).not.toBe(a.uid);
        const e = (await getJson(`${explicit.url}/api/v1/namespaces/a/pods/p`))
          .body.metadata;
        expect(e).toMatchObject({
          uid: 'given',
          resourceVersion: '77',
          creationTimestamp: '2020-02-02T00:00:00Z',
        });
        // The list resourceVersion is never below any object's.
        expect(Number(explicit.resourceVersion)).toBeGreaterThanOrEqual(77);
      } finally {
        await Promise.all([again.stop(), other.stop(), explicit.stop()]);
      }
    });

    it('does not mutate the objects it was given', async () => {
      const objects = [pod(undefined, 'p')];
      const c = await startDemoCluster({ objects });
      await c.stop();
      expect(objects[0].metadata).toEqual({ name: 'p', labels: {} });
    });

    it('reports kinds it does not serve', async () => {
      const c = await startDemoCluster({
        objects: [
          { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
        ],
      });
      await c.stop();
      expect(c.ignoredObjects).toEqual([
        expect.objectContaining({ kind: 'Secret', name: 's' }),
      ]);
    });

    it('serves Services, cluster-wide and per namespace (the scan lists them for their target ports)', async () => {
      const service = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'fraud-worker', namespace: 'payments' },
        spec: {
          selector: { app: 'fraud-worker' },
          ports: [{ name: 'http', port: 80, targetPort: 8081 }],
        },
      };
      const c = await startDemoCluster({ objects: [service] });
      try {
        const all = await getJson(`${c.url}/api/v1/services`);
        expect(all.body.kind).toBe('ServiceList');
        expect(names(all.body)).toEqual(['payments/fraud-worker']);
        expect(all.body.items[0].spec).toEqual(service.spec);
        const inNs = await getJson(
          `${c.url}/api/v1/namespaces/payments/services/fraud-worker`,
        );
        expect(inNs.body).toMatchObject({ kind: 'Service', apiVersion: 'v1' });
        expect(c.ignoredObjects).toEqual([]);
      } finally {
        await c.stop();
      }
    });
  });

  describe('errors', () => {
    it('answers a missing object with a NotFound Status', async () => {
      const { status, body } = await getJson(
        `${cluster.url}/api/v1/namespaces/shop/pods/nope`,
      );
      expect(status).toBe(404);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'pods "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', kind: 'pods' },
        code: 404,
      });
      const dep = await getJson(
        `${cluster.url}/apis/apps/v1/namespaces/shop/deployments/nope`,
      );
      expect(dep.body.message).toBe('deployments.apps "nope" not found');
      expect(dep.body.details).toEqual({
        name: 'nope',
        group: 'apps',
        kind: 'deployments',
      });
      const ns = await getJson(`${cluster.url}/api/v1/namespaces/nope`);
      expect(ns.body.message).toBe('namespaces "nope" not found');
    });

    it('answers unknown paths with a NotFound Status', async () => {
      for (const path of [
        '/nope',
        '/api/v2',
        '/api/v1/secrets',
        '/api/v1/pods/web-1',
        '/apis/apps/v1/namespaces/shop/deployments/web/scale',
        '/apis/unknown.io/v1',
      ]) {
        const { status, body } = await getJson(`${cluster.url}${path}`);
        expect({ path, status }).toEqual({ path, status: 404 });
        expect(body).toMatchObject({
          kind: 'Status',
          status: 'Failure',
          reason: 'NotFound',
          code: 404,
          message: 'the server could not find the requested resource',
        });
      }
    });

    it('refuses writes with a MethodNotAllowed Status', async () => {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await request(
          `${cluster.url}/api/v1/namespaces/shop/pods`,
          { method },
        );
        expect(res.status).toBe(405);
        expect(res.json()).toMatchObject({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'MethodNotAllowed',
          code: 405,
        });
      }
    });

    it('refuses watches instead of hanging', async () => {
      const { status, body } = await getJson(
        `${cluster.url}/api/v1/pods?watch=true`,
      );
      expect(status).toBe(405);
      expect(body.reason).toBe('MethodNotAllowed');
    });
  });

  describe('label selectors', () => {
    const cases: Array<[string, string[]]> = [
      ['app=web', ['shop/web-1', 'shop/web-2']],
      ['app==web', ['shop/web-1', 'shop/web-2']],
      // `!=` also matches objects without the label, as in Kubernetes.
      [
        'tier!=frontend',
        [
          'default/no-namespace',
          'payments/api-1',
          'shop/cart-1',
          'undeclared/lonely',
        ],
      ],
      ['app in (web, cart)', ['shop/cart-1', 'shop/web-1', 'shop/web-2']],
      [
        'app notin (web,cart)',
        ['default/no-namespace', 'payments/api-1', 'undeclared/lonely'],
      ],
      ['pci', ['payments/api-1']],
      ['!tier', ['default/no-namespace', 'undeclared/lonely']],
      ['app=web,version=2', ['shop/web-2']],
      ['tier=backend,!pci', ['shop/cart-1']],
      ['version>1', ['shop/web-2']],
      ['', ALL_PODS],
    ];

    it.each(cases)(
      'labelSelector %j selects the right pods',
      async (selector, expected) => {
        const { status, body } = await getJson(
          `${cluster.url}/api/v1/pods?labelSelector=${encodeURIComponent(
            selector,
          )}`,
        );
        expect(status).toBe(200);
        expect(names(body)).toEqual(expected);
      },
    );

    it('applies the selector within a namespace too', async () => {
      const { body } = await getJson(
        `${
          cluster.url
        }/api/v1/namespaces/shop/pods?labelSelector=${encodeURIComponent(
          'tier in (backend)',
        )}`,
      );
      expect(names(body)).toEqual(['shop/cart-1']);
    });

    it.each([
      'app in web',
      'app in (web',
      'app=(web)',
      '=web',
      '!',
      'app web',
      'app=web,',
      'app=a=b',
      'Bad_Prefix/app=x',
      'app=bad value!',
      'version>x',
    ])(
      'rejects malformed labelSelector %j with a BadRequest Status',
      async selector => {
        const { status, body } = await getJson(
          `${cluster.url}/api/v1/pods?labelSelector=${encodeURIComponent(
            selector,
          )}`,
        );
        expect(status).toBe(400);
        expect(body).toMatchObject({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'BadRequest',
          code: 400,
        });
        expect(body.message).toEqual(expect.any(String));
      },
    );
  });

  describe('field selectors', () => {
    it('selects by metadata.name', async () => {
      const { body } = await getJson(
        `${cluster.url}/api/v1/pods?fieldSelector=metadata.name%3Dweb-1`,
      );
      expect(names(body)).toEqual(['shop/web-1']);
    });

    it('selects by metadata.namespace with == and !=', async () => {
      const eq = await getJson(
        `${cluster.url}/api/v1/pods?fieldSelector=${encodeURIComponent(
          'metadata.namespace==payments',
        )}`,
      );
      expect(names(eq.body)).toEqual(['payments/api-1']);
      const ne = await getJson(
        `${cluster.url}/api/v1/pods?fieldSelector=${encodeURIComponent(
          'metadata.namespace!=shop,metadata.name!=lonely',
        )}`,
      );
      expect(names(ne.body)).toEqual([
        'default/no-namespace',
        'payments/api-1',
      ]);
    });

    it('combines field and label selectors', async () => {
      const { body } = await getJson(
        `${cluster.url}/api/v1/pods?fieldSelector=${encodeURIComponent(
          'metadata.name!=web-1',
        )}&labelSelector=app%3Dweb`,
      );
      expect(names(body)).toEqual(['shop/web-2']);
    });

    it('selects namespaces by name', async () => {
      const { body } = await getJson(
        `${cluster.url}/api/v1/namespaces?fieldSelector=metadata.name%3Dshop`,
      );
      expect(names(body)).toEqual(['/shop']);
    });

    it('rejects unsupported fields and malformed selectors with BadRequest', async () => {
      const unsupported = await getJson(
        `${cluster.url}/apis/networking.k8s.io/v1/networkpolicies?fieldSelector=spec.podSelector%3Dx`,
      );
      expect(unsupported.status).toBe(400);
      expect(unsupported.body).toMatchObject({
        reason: 'BadRequest',
        message: 'field label not supported: spec.podSelector',
      });
      const malformed = await getJson(
        `${cluster.url}/api/v1/pods?fieldSelector=metadata.name`,
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body.reason).toBe('BadRequest');
    });
  });

  describe('paging', () => {
    async function collect(path: string, limit: number) {
      const pages: any[] = [];
      let cont: string | undefined;
      do {
        const { status, body } = await getJson(
          pageUrl(`${cluster.url}${path}`, limit, cont),
        );
        expect(status).toBe(200);
        pages.push(body);
        cont = body.metadata.continue;
      } while (cont);
      return pages;
    }

    it('returns every item exactly once, in order, across pages', async () => {
      const full = await getJson(`${cluster.url}/api/v1/pods`);
      const pages = await collect('/api/v1/pods', 2);
      expect(pages.map(p => p.items.length)).toEqual([2, 2, 2]);
      expect(pages.flatMap(p => names(p))).toEqual(names(full.body));
      expect(pages.map(p => p.metadata.remainingItemCount)).toEqual([
        4,
        2,
        undefined,
      ]);
      for (const p of pages)
        expect(p.metadata.resourceVersion).toBe(cluster.resourceVersion);
    });

    it('pages filtered lists without remainingItemCount and without an empty last page', async () => {
      const pages = await collect(
        `/api/v1/pods?labelSelector=${encodeURIComponent('app in (web,cart)')}`,
        1,
      );
      expect(pages.flatMap(p => names(p))).toEqual([
        'shop/cart-1',
        'shop/web-1',
        'shop/web-2',
      ]);
      expect(
        pages.every(p => p.metadata.remainingItemCount === undefined),
      ).toBe(true);
      expect(pages.every(p => p.items.length === 1)).toBe(true);
    });

    it('pages within a namespace', async () => {
      const pages = await collect('/api/v1/namespaces/shop/pods', 2);
      expect(pages.flatMap(p => names(p))).toEqual([
        'shop/cart-1',
        'shop/web-1',
        'shop/web-2',
      ]);
    });

    it('uses an opaque base64 JSON continue token', async () => {
      const { body } = await getJson(`${cluster.url}/api/v1/pods?limit=1`);
      const decoded = JSON.parse(
        Buffer.from(body.metadata.continue, 'base64').toString('utf8'),
      );
      expect(decoded).toMatchObject({
        v: 'meta.k8s.io/v1',
        rv: Number(cluster.resourceVersion),
      });
    });

    it('answers a continue token from before setObjects with 410 Expired', async () => {
      const first = await getJson(`${cluster.url}/api/v1/pods?limit=2`);
      const oldRv = first.body.metadata.resourceVersion;
      cluster.setObjects([
        ...sampleObjects(),
        pod('shop', 'web-3', { app: 'web' }),
      ]);
      expect(Number(cluster.resourceVersion)).toBeGreaterThan(Number(oldRv));

      const stale = await getJson(
        pageUrl(`${cluster.url}/api/v1/pods`, 2, first.body.metadata.continue),
      );
      expectContinueExpired(stale);
      // Like kube-apiserver, the 410 offers a token to continue inconsistently.
      const resumed = await getJson(
        pageUrl(`${cluster.url}/api/v1/pods`, 10, stale.body.metadata.continue),
      );
      expect(resumed.status).toBe(200);
      expect(names(resumed.body)).toEqual([
        'shop/cart-1',
        'shop/web-1',
        'shop/web-2',
        'shop/web-3',
        'undeclared/lonely',
      ]);

      // A fresh list works and sees the new data.
      const fresh = await getJson(`${cluster.url}/api/v1/pods`);
      expect(fresh.body.metadata.resourceVersion).toBe(cluster.resourceVersion);
      expect(names(fresh.body)).toContain('shop/web-3');
    });

    it('rejects undecodable continue tokens and bad limits with BadRequest', async () => {
      for (const query of [
        'continue=not-a-token!',
        `continue=${Buffer.from('{"x":1}').toString('base64')}`,
        'limit=abc',
      ]) {
        const { status, body } = await getJson(
          `${cluster.url}/api/v1/pods?${query}`,
        );
        expect({ query, status }).toEqual({ query, status: 400 });
        expect(body.reason).toBe('BadRequest');
      }
    });

    it('reports the current resourceVersion whatever resourceVersion is asked for', async () => {
      for (const rv of ['0', '1', cluster.resourceVersion]) {
        const { status, body } = await getJson(
          `${cluster.url}/api/v1/pods?resourceVersion=${rv}`,
        );
        expect(status).toBe(200);
        expect(body.metadata.resourceVersion).toBe(cluster.resourceVersion);
      }
      const tooNew = await getJson(
        `${cluster.url}/api/v1/pods?resourceVersion=${
          Number(cluster.resourceVersion) + 100
        }`,
      );
      expect(tooNew.status).toBe(504);
      expect(tooNew.body.reason).toBe('Timeout');
    });
  });

  describe('authentication and authorization', () => {
    let secured: DemoCluster;
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

    beforeEach(async () => {
      secured = await startDemoCluster({
        objects: [...sampleObjects(), networkPolicy('payments', 'allow')],
        tokens: ['good', 'limited'],
        users: { limited: 'system:serviceaccount:x:y' },
      });
    });

    afterEach(async () => {
      await secured.stop();
    });

    const unauthorizedBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    };

    it('answers 401 without a token or with a wrong one', async () => {
      const none = await getJson(`${secured.url}/api/v1/pods`);
      expect(none.status).toBe(401);
      expect(none.body).toEqual(unauthorizedBody);
      const wrong = await getJson(`${secured.url}/api/v1/pods`, bearer('bad'));
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(unauthorizedBody);
      const basic = await getJson(`${secured.url}/api`, {
        Authorization: 'Basic Z29vZDo=',
      });
      expect(basic.status).toBe(401);
    });

    it('serves requests with an accepted token', async () => {
      const { status, body } = await getJson(
        `${secured.url}/api/v1/pods`,
        bearer('good'),
      );
      expect(status).toBe(200);
      expect(body.items).toHaveLength(6);
    });

    it('lets anonymous callers read health and version only', async () => {
      expect((await request(`${secured.url}/healthz`)).status).toBe(200);
      expect((await request(`${secured.url}/version`)).status).toBe(200);
      expect((await request(`${secured.url}/apis`)).status).toBe(401);
      expect(
        (await request(`${secured.url}/healthz`, { headers: bearer('bad') }))
          .status,
      ).toBe(401);
    });

    it('answers 403 with the RBAC message for a forbidden cluster-wide list', async () => {
      secured.setForbidden([{ resource: 'pods', verb: 'list' }]);
      const { status, body } = await getJson(
        `${secured.url}/api/v1/pods`,
        bearer('limited'),
      );
      expect(status).toBe(403);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'pods is forbidden: User "system:serviceaccount:x:y" cannot list resource "pods" in API group "" at the cluster scope',
        reason: 'Forbidden',
        details: { kind: 'pods' },
        code: 403,
      });
      // The verb restriction leaves gets alone.
      expect(
        (
          await getJson(
            `${secured.url}/api/v1/namespaces/shop/pods/web-1`,
            bearer('limited'),
          )
        ).status,
      ).toBe(200);
    });

    it('scopes namespace rules like RBAC: that namespace and cluster-wide lists', async () => {
      secured.setForbidden([
        { resource: 'networkpolicies', namespace: 'payments' },
      ]);
      const inNs = await getJson(
        `${secured.url}/apis/networking.k8s.io/v1/namespaces/payments/networkpolicies`,
        bearer('good'),
      );
      expect(inNs.status).toBe(403);
      expect(inNs.body.message).toBe(
        'networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:netpol-demo:reader" cannot list resource "networkpolicies" in API group "networking.k8s.io" in the namespace "payments"',
      );
      expect(inNs.body.details).toEqual({
        group: 'networking.k8s.io',
        kind: 'networkpolicies',
      });
      const get = await getJson(
        `${secured.url}/apis/networking.k8s.io/v1/namespaces/payments/networkpolicies/allow`,
        bearer('good'),
      );
      expect(get.status).toBe(403);
      expect(get.body.message).toMatch(
        /^networkpolicies\.networking\.k8s\.io "allow" is forbidden: .* cannot get resource/,
      );
      const clusterWide = await getJson(
        `${secured.url}/apis/networking.k8s.io/v1/networkpolicies`,
        bearer('good'),
      );
      expect(clusterWide.status).toBe(403);
      expect(clusterWide.body.message).toMatch(/at the cluster scope$/);
      const other = await getJson(
        `${secured.url}/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies`,
        bearer('good'),
      );
      expect(other.status).toBe(200);
    });

    it('applies per-token rules only to that token', async () => {
      secured.setForbidden([{ resource: 'daemonsets', token: 'limited' }]);
      const limited = await getJson(
        `${secured.url}/apis/apps/v1/namespaces/kube-system/daemonsets`,
        bearer('limited'),
      );
      expect(limited.status).toBe(403);
      expect(limited.body.message).toBe(
        'daemonsets.apps is forbidden: User "system:serviceaccount:x:y" cannot list resource "daemonsets" in API group "apps" in the namespace "kube-system"',
      );
      const good = await getJson(
        `${secured.url}/apis/apps/v1/namespaces/kube-system/daemonsets`,
        bearer('good'),
      );
      expect(good.status).toBe(200);
    });

    it('takes forbidden rules from the start options and tokens at runtime', async () => {
      const c = await startDemoCluster({
        objects: sampleObjects(),
        forbidden: [{ resource: 'configmaps' }],
      });
      try {
        const res = await getJson(
          `${c.url}/api/v1/namespaces/kube-system/configmaps`,
        );
        expect(res.status).toBe(403);
        expect(res.body.message).toContain('User "system:anonymous"');
        c.setTokens(['t']);
        expect((await getJson(`${c.url}/api/v1/pods`)).status).toBe(401);
        expect(
          (await getJson(`${c.url}/api/v1/pods`, bearer('t'))).status,
        ).toBe(200);
      } finally {
        await c.stop();
      }
    });
  });

  it('counts and logs requests', async () => {
    cluster.resetRequests();
    await request(`${cluster.url}/api/v1/pods`);
    await request(`${cluster.url}/nope`);
    expect(cluster.requests).toBe(2);
    expect(cluster.requestLog).toEqual([
      { method: 'GET', url: '/api/v1/pods', status: 200 },
      { method: 'GET', url: '/nope', status: 404 },
    ]);
  });
});
