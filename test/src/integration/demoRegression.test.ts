/**
 * The demo's regression, made as a person running the demo makes it: the
 * demo clusters run as `npm run demo` runs them (the demo-cluster bin with
 * --watch, serving a copy of examples/clusters), and `npm run demo:regress`
 * (scripts/demo-regress.mjs) deletes a policy on disk, reloads the cluster
 * with SIGHUP, rescans and triggers the notifier through the real
 * backend's REST API: one notification for the owners, none on the next
 * unchanged scan, none when the fix lands.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { AddressInfo } from 'net';
import { mockCredentials } from '@backstage/backend-test-utils';
import { freeLoopbackPort } from '@netpol/demo-cluster';
import { EXAMPLES, kubernetesConfig } from './clusters';
import { CAROL, GUEST, startNotificationsBackend } from './notificationsBackend';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');
const TOKENS = { 'prod-eu': 'prod-token', 'staging-us': 'staging-token' };

/** The demo clusters as scripts/demo.mjs starts them, on free ports. */
async function startDemoClusterProcess(clustersDir: string) {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'packages/demo-cluster/bin/demo-cluster.js'),
      '--watch',
      ...Object.entries(TOKENS).flatMap(([name, token]) => [
        '--cluster',
        `${name}=${path.join(clustersDir, name)}`,
        '--token',
        token,
      ]),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    const check = () => {
      const found = Object.fromEntries(
        [...output.matchAll(/^cluster (\S+) listening on (\S+)/gm)].map(m => [m[1], m[2]]),
      );
      if (Object.keys(found).length === 2) resolve(found);
    };
    child.stdout.on('data', check);
    child.on('exit', code => reject(new Error(`demo clusters exited ${code}: ${output}`)));
  });
  return { child, urls, output: () => output };
}

describe('the demo regression, from files on disk to the owner', () => {
  let demoDir: string;
  let clustersDir: string;
  let clusters: Awaited<ReturnType<typeof startDemoClusterProcess>>;
  let backend: Awaited<ReturnType<typeof startNotificationsBackend>>;

  beforeAll(async () => {
    demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-demo-regression-'));
    clustersDir = path.join(demoDir, 'clusters');
    fs.cpSync(path.join(EXAMPLES, 'clusters'), clustersDir, { recursive: true });
    clusters = await startDemoClusterProcess(clustersDir);
    backend = await startNotificationsBackend(
      kubernetesConfig({
        prodEu: { url: clusters.urls['prod-eu'] },
        stagingUs: { url: clusters.urls['staging-us'] },
        deadPort: await freeLoopbackPort(),
      }),
    );
    // What scripts/demo.mjs records for the scripts (scripts/demo/state.mjs).
    const { port } = backend.server.address() as AddressInfo;
    fs.writeFileSync(
      path.join(demoDir, 'state.json'),
      JSON.stringify({
        clusterPid: clusters.child.pid,
        clustersDir,
        clusters: Object.fromEntries(
          Object.entries(TOKENS).map(([name, token]) => [name, { url: clusters.urls[name], token }]),
        ),
        backendUrl: `http://127.0.0.1:${port}`,
        token: mockCredentials.service.token(),
      }),
    );
  });

  afterAll(async () => {
    await backend?.stop();
    clusters?.child.kill('SIGTERM');
    if (demoDir) fs.rmSync(demoDir, { recursive: true, force: true });
  });

  /** `npm run demo:regress` / `demo:undo` against this demo. */
  function demoScript(action: 'regress' | 'undo') {
    // Async: the backend answering the script runs in this process.
    return new Promise<{ status: number | null; stdout: string; stderr: string }>(resolve => {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts/demo-regress.mjs'), action], {
        env: { ...process.env, NETPOL_DEMO_DIR: demoDir },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      child.on('exit', status => resolve({ status, stdout, stderr }));
    });
  }

  it('tells the owners once, through files, SIGHUP and the REST API', async () => {
    await backend.scanAndNotify();
    await backend.scanAndNotify();
    expect(await backend.notificationsOf(GUEST)).toEqual([]);

    const regress = await demoScript('regress');
    expect({ status: regress.status, stderr: regress.stderr }).toEqual({ status: 0, stderr: '' });
    expect(regress.stdout).toContain('deleted NetworkPolicy shop/default-deny-all on prod-eu');
    expect(regress.stdout).toContain('rescanned prod-eu');
    expect(regress.stdout).toContain('the notifier ran');
    expect(clusters.output()).toMatch(
      /^cluster prod-eu reloaded \(resourceVersion \d+ -> \d+\): removed networking\.k8s\.io\/v1 NetworkPolicy shop\/default-deny-all$/m,
    );
    // The repository's examples are untouched: only the served copy changed.
    expect(fs.readFileSync(path.join(EXAMPLES, 'clusters/prod-eu/shop.yaml'), 'utf8')).toContain('default-deny-all');

    const received = await backend.notificationsOf(GUEST);
    expect(received).toHaveLength(1);
    expect(received[0].payload.description).toContain('NETPOL-004 Namespace denies ingress by default now fails in 1 namespace.');
    // Where and why are behind the tab's permission checks, not in the payload.
    expect(received[0].payload.description).not.toContain('prod-eu');
    expect(received[0].payload.link).toMatch(/^\/catalog\/default\/component\/shop-[a-z]+\/netpol-compliance$/);
    expect(await backend.notificationsOf(CAROL)).toEqual([]);

    // The failure stands: the next scan tells nobody again.
    await backend.scanAndNotify();
    expect(await backend.notificationsOf(GUEST)).toHaveLength(1);

    // Undo: the served file is the example's again, and a fix is no news.
    const undo = await demoScript('undo');
    expect({ status: undo.status, stderr: undo.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readFileSync(path.join(clustersDir, 'prod-eu/shop.yaml'), 'utf8')).toBe(
      fs.readFileSync(path.join(EXAMPLES, 'clusters/prod-eu/shop.yaml'), 'utf8'),
    );
    expect(undo.stdout).toContain('the notifier ran');
    expect(await backend.notificationsOf(GUEST)).toHaveLength(1);
  });
});
