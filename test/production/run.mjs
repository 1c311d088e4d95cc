#!/usr/bin/env node
// The production build of the backend, started as the Dockerfile starts it:
// packages/backend/dist/bundle installed with `npm install --omit=dev` (the
// image's install step), then `node packages/backend` with app-config.yaml
// and packages/backend/app-config.production.yaml, NODE_ENV=production, the
// cluster and the database from the environment (PostgreSQL when CI's
// BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set, else SQLite).
// It reads /health and, signed in, the scan status of the cluster.
//
// `--no-build` reuses packages/backend/dist/bundle (else it runs the build:
// the plugins' dist must exist, as after the pack test or `npm run build:all`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.NETPOL_PROD_TEST_PORT ?? 17107);
const CLUSTER_PORT = PORT + 1;
const BASE = `http://localhost:${PORT}`;
const TOKEN = 'demo-prod-eu-token';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-production-'));
const children = [];

function sh(command, args, opts = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function start(name, command, args, opts) {
  const log = fs.openSync(path.join(work, `${name}.log`), 'w');
  const child = spawn(command, args, { stdio: ['ignore', log, log], detached: true, ...opts });
  children.push(child);
  return child;
}

async function waitFor(what, check, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) break;
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  const logs = fs
    .readdirSync(work)
    .filter(f => f.endsWith('.log'))
    .map(f => `--- ${f}\n${fs.readFileSync(path.join(work, f), 'utf8').slice(-4000)}`)
    .join('\n');
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}\n${logs}`);
}

/** The database part of the environment: PostgreSQL when CI provides one. */
function databaseEnv() {
  const key = Object.keys(process.env)
    .filter(k => /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k))
    .sort()
    .pop();
  if (!key) return { env: {}, config: { client: 'better-sqlite3', connection: ':memory:' }, kind: 'sqlite' };
  const url = new URL(process.env[key]);
  return {
    env: {
      POSTGRES_HOST: url.hostname,
      POSTGRES_PORT: url.port || '5432',
      POSTGRES_USER: decodeURIComponent(url.username),
      POSTGRES_PASSWORD: decodeURIComponent(url.password),
    },
    // Own database names, so a rerun or another test on the server never meets them.
    config: { prefix: `netpol_prod_${process.pid}_` },
    kind: 'postgres',
  };
}

const db = databaseEnv();

before(async () => {
  const bundle = path.join(root, 'packages/backend/dist/bundle');
  if (!process.argv.includes('--no-build')) sh(process.execPath, [path.join(root, 'packages/backend/scripts/build-dist.mjs')]);
  // The image's steps, in a folder of its own.
  const app = path.join(work, 'app');
  fs.cpSync(bundle, app, { recursive: true });
  sh('tar', ['xzf', 'skeleton.tar.gz'], { cwd: app });
  sh('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.copyFileSync(path.join(root, 'app-config.yaml'), path.join(app, 'app-config.yaml'));
  fs.copyFileSync(path.join(root, 'packages/backend/app-config.production.yaml'), path.join(app, 'app-config.production.yaml'));
  // Only the database differs from a deployment: SQLite when there is no
  // PostgreSQL, else PostgreSQL (the production config's) with own names.
  // The test signs in as guest, which app-config.yaml allows.
  fs.writeFileSync(
    path.join(app, 'app-config.test.yaml'),
    JSON.stringify({ backend: { database: db.config } }, null, 2),
  );

  const cluster = start('cluster', process.execPath, [
    path.join(root, 'packages/demo-cluster/bin/demo-cluster.js'),
    '--cluster', `prod-eu=${path.join(root, 'examples/clusters/prod-eu')}:${CLUSTER_PORT}`,
    '--token', TOKEN,
  ]);
  await waitFor('the demo cluster', async () => (await fetch(`http://127.0.0.1:${CLUSTER_PORT}/version`)).status < 500, 30_000, cluster);

  const backend = start(
    'backend',
    process.execPath,
    ['packages/backend', '--config', 'app-config.yaml', '--config', 'app-config.production.yaml', '--config', 'app-config.test.yaml'],
    {
      cwd: app,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NODE_OPTIONS: '',
        BACKSTAGE_BASE_URL: BASE,
        BACKSTAGE_PORT: String(PORT),
        K8S_CLUSTER_NAME: 'prod-eu',
        K8S_CLUSTER_URL: `http://127.0.0.1:${CLUSTER_PORT}`,
        K8S_SERVICE_ACCOUNT_TOKEN: TOKEN,
        ...db.env,
      },
    },
  );
  await waitFor('the backend', async () => (await fetch(`${BASE}/api/netpol-compliance/health`)).ok, 180_000, backend);
}, { timeout: 900_000 });

after(async () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await new Promise(r => setTimeout(r, 1000));
  fs.rmSync(work, { recursive: true, force: true });
});

async function guestToken() {
  const res = await fetch(`${BASE}/api/auth/guest/refresh`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
  assert.equal(res.status, 200, 'guest sign-in');
  return (await res.json()).backstageIdentity.token;
}

test(`health answers without sign-in (database: ${db.kind})`, async () => {
  const res = await fetch(`${BASE}/api/netpol-compliance/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('an API route refuses an anonymous caller', async () => {
  const res = await fetch(`${BASE}/api/netpol-compliance/status`);
  assert.equal(res.status, 401);
});

test('the cluster from the environment is scanned through the kubernetes backend', async () => {
  const token = await guestToken();
  // Scan now and wait, rather than waiting for the schedule.
  const scan = await fetch(`${BASE}/api/netpol-compliance/scan?wait=true`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ cluster: 'prod-eu' }),
  });
  assert.ok(scan.status < 300, `POST /scan: HTTP ${scan.status} ${await scan.text()}`);
  const res = await fetch(`${BASE}/api/netpol-compliance/status`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const body = await res.json();
  const prod = body.clusters.find(c => c.name === 'prod-eu' || c.cluster === 'prod-eu');
  assert.ok(prod, `prod-eu in ${JSON.stringify(body)}`);
  assert.ok(prod.scannedAt, `prod-eu scanned: ${JSON.stringify(prod)}`);
  assert.ok(!prod.lastError, `prod-eu without error: ${JSON.stringify(prod)}`);
});
