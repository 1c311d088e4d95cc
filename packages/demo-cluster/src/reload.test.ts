/**
 * Reloading a served folder: real files in a temp dir, real HTTP requests
 * after each reload.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoCluster, startDemoCluster } from './cluster';
import { ReloadResult } from './servedData';
import { expectContinueExpired, getJson, pageUrl } from './__testUtils__/http';

const POD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx }] }
`;

const policy = (name: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;

const POLICIES = `${policy('default-deny')}---\n${policy('allow-web')}`;
const POLICIES_URL =
  '/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies';
const DENY = 'networking.k8s.io/v1 NetworkPolicy shop/default-deny';

describe('reloading the manifests folder', () => {
  let dir: string;
  let cluster: DemoCluster | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cluster-reload-'));
    fs.writeFileSync(path.join(dir, 'pods.yaml'), POD);
    fs.writeFileSync(path.join(dir, 'policies.yaml'), POLICIES);
  });

  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function policyNames(): Promise<string[]> {
    const { status, body } = await getJson(`${cluster!.url}${POLICIES_URL}`);
    expect(status).toBe(200);
    return body.items.map((i: any) => i.metadata.name);
  }

  it('serves a removed policy no more, names it, and moves the resourceVersion forward', async () => {
    cluster = await startDemoCluster({ manifestsDir: dir });
    expect(await policyNames()).toEqual(['allow-web', 'default-deny']);
    const before = cluster.resourceVersion;

    fs.writeFileSync(path.join(dir, 'policies.yaml'), policy('allow-web'));
    const result = cluster.reload();

    expect(result.errors).toEqual([]);
    expect(result.changes).toEqual({ added: [], removed: [DENY], changed: [] });
    expect(result.resourceVersion.before).toBe(before);
    expect(Number(result.resourceVersion.after)).toBeGreaterThan(
      Number(before),
    );
    expect(await policyNames()).toEqual(['allow-web']);
    const list = await getJson(`${cluster.url}${POLICIES_URL}`);
    expect(list.body.metadata.resourceVersion).toBe(
      result.resourceVersion.after,
    );
  });

  it('never finishes a paged listing from before a change with new data (410 Expired)', async () => {
    cluster = await startDemoCluster({ manifestsDir: dir });
    const first = await getJson(`${cluster.url}${POLICIES_URL}?limit=1`);
    expect(first.body.items.map((i: any) => i.metadata.name)).toEqual([
      'allow-web',
    ]);
    const token = first.body.metadata.continue;
    expect(token).toEqual(expect.any(String));

    fs.writeFileSync(
      path.join(dir, 'policies.yaml'),
      `${POLICIES}---\n${policy('extra')}`,
    );
    expect(cluster.reload().changes.added).toHaveLength(1);

    const rest = await getJson(
      pageUrl(`${cluster.url}${POLICIES_URL}`, 1, token),
    );
    expectContinueExpired(rest);
    expect(await policyNames()).toEqual(['allow-web', 'default-deny', 'extra']);
  });

  it('keeps the resourceVersion and open listings when nothing changed', async () => {
    cluster = await startDemoCluster({ manifestsDir: dir });
    const first = await getJson(`${cluster.url}${POLICIES_URL}?limit=1`);
    const before = cluster.resourceVersion;
    // Rewritten with the same objects (another layout): not a change.
    fs.writeFileSync(
      path.join(dir, 'policies.yaml'),
      `# reordered\n${POLICIES}`,
    );
    const result = cluster.reload();
    expect(result.changes).toEqual({ added: [], removed: [], changed: [] });
    expect(result.resourceVersion).toEqual({ before, after: before });
    const rest = await getJson(
      pageUrl(`${cluster.url}${POLICIES_URL}`, 1, first.body.metadata.continue),
    );
    expect(rest.status).toBe(200);
    expect(rest.body.items.map((i: any) => i.metadata.name)).toEqual([
      'default-deny',
    ]);
  });

  it('keeps serving the last good objects when a file turns bad, and says which', async () => {
    cluster = await startDemoCluster({ manifestsDir: dir });
    const before = cluster.resourceVersion;
    const bad = path.join(dir, 'policies.yaml');
    // The policy removed and the file broken in the same save.
    fs.writeFileSync(bad, 'kind: [\n');

    const result = cluster.reload();
    expect(result.errors.map(e => e.file)).toEqual([bad]);
    expect(result.changes).toEqual({ added: [], removed: [], changed: [] });
    expect(result.resourceVersion).toEqual({ before, after: before });
    expect(await policyNames()).toEqual(['allow-web', 'default-deny']);

    fs.writeFileSync(bad, policy('allow-web'));
    expect(cluster.reload().changes.removed).toEqual([DENY]);
    expect(await policyNames()).toEqual(['allow-web']);
  });

  it('keeps serving when the folder itself is gone, without throwing', async () => {
    cluster = await startDemoCluster({ manifestsDir: dir });
    fs.rmSync(dir, { recursive: true, force: true });
    const result = cluster.reload();
    expect(result.errors).toEqual([
      { file: dir, message: expect.stringContaining('ENOENT') },
    ]);
    expect(await policyNames()).toEqual(['allow-web', 'default-deny']);
  });

  it('restores the files after setObjects replaced the data', async () => {
    cluster = await startDemoCluster({ manifestsDir: dir });
    cluster.setObjects([]);
    expect(await policyNames()).toEqual([]);
    const result = cluster.reload();
    expect(result.changes.added).toContain(DENY);
    expect(await policyNames()).toEqual(['allow-web', 'default-deny']);
  });

  it('with watch, reloads by itself when a manifest changes, and stops watching on stop', async () => {
    const reloads: ReloadResult[] = [];
    let heard: () => void = () => {};
    cluster = await startDemoCluster({
      manifestsDir: dir,
      watch: {
        debounceMs: 50,
        onReload: r => {
          reloads.push(r);
          heard();
        },
      },
    });
    const reloaded = new Promise<void>(resolve => {
      heard = resolve;
    });
    fs.writeFileSync(path.join(dir, 'policies.yaml'), policy('allow-web'));
    await reloaded;

    expect(reloads[reloads.length - 1].changes.removed).toEqual([DENY]);
    expect(await policyNames()).toEqual(['allow-web']);

    await cluster.stop();
    const count = reloads.length;
    fs.writeFileSync(path.join(dir, 'policies.yaml'), POLICIES);
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(reloads).toHaveLength(count);
  });
});
