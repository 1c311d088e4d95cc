import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoCluster } from './cluster';
import { loadManifests, parseManifests } from './manifests';
import { getJson } from './__testUtils__/http';

describe('manifests', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cluster-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(rel: string, text: string) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  const MULTI_DOC = `# two documents and an empty one
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: { app: web }
spec:
  containers: [{ name: web, image: nginx }]
`;

  const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: deny, namespace: shop }
    spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web, namespace: shop }
    spec: { replicas: 1 }
`;

  it('loads multi-document YAML, List items, JSON, recursively and in name order', () => {
    write('b.yaml', MULTI_DOC);
    write('nested/deeper/a.yml', LIST);
    write(
      'c.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cfg', namespace: 'shop' },
      }),
    );
    write('README.md', '# not a manifest: [');
    write('.hidden.yaml', 'this: [is broken');

    const { objects, errors } = loadManifests(dir);
    expect(errors).toEqual([]);
    expect(objects.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/shop',
      'Pod/web',
      'ConfigMap/cfg',
      'NetworkPolicy/deny',
      'Deployment/web',
    ]);
    expect((objects[1] as any).metadata.labels).toEqual({ app: 'web' });
  });

  it('reports invalid YAML naming the file and line, and keeps loading the others', () => {
    write('good.yaml', MULTI_DOC);
    const bad = write(
      'sub/bad.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n',
    );
    const { objects, errors } = loadManifests(dir);
    expect(objects).toHaveLength(2);
    expect(errors).toHaveLength(1);
    expect(errors[0].file).toBe(bad);
    expect(errors[0].message).toMatch(/^line \d+:\d+: YAML syntax error: /);
  });

  // The rules of the CLI's reader (one loader): a kind without apiVersion or
  // name is an error, a document that is no object is skipped with a warning.
  it('reports objects kubectl would refuse, with their line, and skips documents that are no object', () => {
    const file = write(
      'x.yaml',
      `apiVersion: v1\nkind: Pod\nmetadata: { name: ok }\n---\nkind: Pod\nmetadata: { name: x }\n---\n- a\n- b\n---\napiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: Pod, metadata: {} }\n`,
    );
    const { objects, errors, warnings } = loadManifests(dir);
    expect(objects).toHaveLength(1);
    expect(errors).toEqual([
      { file, message: 'line 5:1: Pod: apiVersion not set' },
      { file, message: 'line 14:34: Pod: metadata.name: required value' },
    ]);
    expect(warnings).toEqual([
      {
        file,
        message: expect.stringMatching(
          /^line 8: skipped: not a Kubernetes object/,
        ),
      },
    ]);
  });

  it('refuses an object of a kind the engine does not read when it has no name', () => {
    const { objects, errors } = parseManifests(
      'apiVersion: v1\nkind: Secret\nmetadata: { namespace: shop }\n',
      'secret.yaml',
    );
    expect(objects).toEqual([]);
    expect(errors).toEqual([
      {
        file: '(manifests)',
        message: expect.stringMatching(/^a Secret has no metadata.name/),
      },
    ]);
  });

  it('parses text directly', () => {
    const { objects, errors } = parseManifests(LIST, 'inline.yaml');
    expect(errors).toEqual([]);
    expect(objects).toHaveLength(2);
    expect(parseManifests('', 'empty.yaml')).toEqual({
      objects: [],
      errors: [],
      warnings: [],
    });
  });

  it('throws when the folder does not exist', () => {
    expect(() => loadManifests(path.join(dir, 'missing'))).toThrow(/ENOENT/);
  });

  it('serves a folder, refuses to start on invalid files, and reloads', async () => {
    write('shop.yaml', MULTI_DOC);
    const cluster = await startDemoCluster({ manifestsDir: dir });
    try {
      const pods = await getJson(`${cluster.url}/api/v1/pods`);
      expect(pods.body.items.map((i: any) => i.metadata.name)).toEqual(['web']);
      const rv = cluster.resourceVersion;

      write('policies.yaml', LIST);
      expect(cluster.reload().errors).toEqual([]);
      expect(Number(cluster.resourceVersion)).toBeGreaterThan(Number(rv));
      const nps = await getJson(
        `${cluster.url}/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies`,
      );
      expect(nps.body.items.map((i: any) => i.metadata.name)).toEqual(['deny']);

      const bad = write('zz-bad.yaml', 'kind: [');
      const rvBefore = cluster.resourceVersion;
      const result = cluster.reload();
      expect(result.errors.map(e => e.file)).toEqual([bad]);
      // Nothing changed: partial data would make the demo lie.
      expect(cluster.resourceVersion).toBe(rvBefore);

      await expect(startDemoCluster({ manifestsDir: dir })).rejects.toThrow(
        bad,
      );
    } finally {
      await cluster.stop();
    }
  });

  it('loads the example clusters of the repository without errors', () => {
    const examples = path.resolve(__dirname, '../../../examples/clusters');
    for (const name of fs.readdirSync(examples)) {
      const { objects, errors } = loadManifests(path.join(examples, name));
      expect({ name, errors }).toEqual({ name, errors: [] });
      expect(objects.length).toBeGreaterThan(0);
    }
  });

  it('serves every kind of the example clusters (none is ignored)', async () => {
    const examples = path.resolve(__dirname, '../../../examples/clusters');
    for (const name of fs.readdirSync(examples)) {
      const cluster = await startDemoCluster({ manifestsDir: path.join(examples, name) });
      await cluster.stop();
      expect({ name, ignored: cluster.ignoredObjects }).toEqual({ name, ignored: [] });
    }
  });
});
