#!/usr/bin/env node
// The README, followed by a new user: an app made by today's
// `@backstage/create-app` (Node 22, as it requires), installed with npm and
// the same settings as this repo's root, then our packed tarballs installed
// with `npm install ... --workspace`, the README's backend line added, the
// app built, the backend started against a demo cluster, and the entity's
// Network policy tab seen in Chromium.
// Fails when a peer or @backstage/* dependency range of our published
// packages does not allow the version the app has installed (the app shares
// the root's legacy-peer-deps, so npm would not say), and when our packages
// add a second copy of any @backstage/* package the app already has. Versions are those of create-app's release (see
// releaseDate), as its yarn.lock seed would give.
//
// Options: --no-build (reuse the plugins' dist), --keep (keep the app folder).
// Env: NETPOL_CREATE_APP_VERSION (default latest), NETPOL_FRESH_APP_BEFORE
// (an npm --before date, or `now`; default create-app's publish time), NETPOL_FRESH_APP_CACHE
// (tools folder, default ~/.cache/netpol-fresh-app), NETPOL_FRESH_APP_DIR
// (reuse an app made and installed by an earlier --keep run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { packAll } from '../pack/run.mjs';
import {
  addBackendPlugin,
  addedCopies,
  backstageVersions,
  installTools,
  npmQuirks,
  packedManifest,
  sh,
  switchToNpm,
  unmetRanges,
} from './app.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.NETPOL_FRESH_APP_PORT ?? 17207);
const CLUSTER_PORT = PORT + 1;
const BASE = `http://localhost:${PORT}`;
const TOKEN = 'demo-prod-eu-token';
const timings = [];

function step(name, fn) {
  const started = Date.now();
  console.log(`\n=== fresh app: ${name}`);
  const result = fn();
  timings.push(`${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  return result;
}

async function waitFor(what, check, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what}: the process exited (${child.exitCode})`);
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

function testConfig() {
  const examples = path.join(root, 'examples/catalog');
  return {
    app: { baseUrl: BASE },
    backend: { baseUrl: BASE, listen: { port: PORT }, cors: { origin: BASE } },
    catalog: {
      rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Group', 'User', 'Template'] }],
      locations: [
        { type: 'file', target: path.join(examples, 'org.yaml') },
        { type: 'file', target: path.join(examples, 'components.yaml') },
      ],
    },
    // The README's minimal kubernetes section, pointed at the demo cluster.
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'prod-eu',
              url: `http://127.0.0.1:${CLUSTER_PORT}`,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
              skipMetricsLookup: true,
            },
          ],
        },
      ],
    },
    netpolCompliance: { schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 }, initialDelay: { seconds: 3 } } },
  };
}

/**
 * When the create-app version was published. create-app seeds the app's
 * yarn.lock with the release's versions, fetched from GitHub, which this
 * machine cannot reach; npm's --before at that date resolves the template's
 * ranges to the same release. Today's registry instead mixes the release with
 * later packages the template's own plugins need (signals-backend 0.3.21
 * calls httpRouter.addWebSocketHandler, which the template's backend-defaults
 * 0.18 lacks: the app's backend does not start). NETPOL_FRESH_APP_BEFORE=now
 * resolves against today's registry anyway.
 */
function releaseDate(tools) {
  const version = JSON.parse(fs.readFileSync(path.join(tools, 'node_modules/@backstage/create-app/package.json'), 'utf8')).version;
  const out = spawnSync('npm', ['view', '@backstage/create-app', 'time', '--json'], { encoding: 'utf8' });
  const published = JSON.parse(out.stdout)[version];
  if (!published) throw new Error(`no publish time for @backstage/create-app@${version}`);
  // Some packages of a release reach the registry a day after create-app
  // (frontend-defaults 0.5.6 of 1.55 did); a few days still stop well before
  // the next release.
  return new Date(Date.parse(published) + 3 * 24 * 3600 * 1000).toISOString();
}

function start(name, command, args, opts, logDir) {
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'w');
  return spawn(command, args, { stdio: ['ignore', log, log], detached: true, ...opts });
}

async function main() {
  const keep = process.argv.includes('--keep');
  const build = !process.argv.includes('--no-build');
  const createAppVersion = process.env.NETPOL_CREATE_APP_VERSION ?? 'latest';
  const cache = process.env.NETPOL_FRESH_APP_CACHE ?? path.join(os.homedir(), '.cache/netpol-fresh-app');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-fresh-app-'));
  const reuse = process.env.NETPOL_FRESH_APP_DIR;
  const appDir = reuse ?? path.join(work, 'app');
  const children = [];
  let failed = true;
  try {
    const tools = path.join(cache, 'tools');
    const env22 = step('Node 22, yarn 1, create-app', () => installTools(tools, createAppVersion));
    const before = process.env.NETPOL_FRESH_APP_BEFORE ?? releaseDate(tools);
    const npmArgs = ['--no-audit', '--no-fund', '--prefer-offline', ...(before === 'now' ? [] : [`--before=${before}`])];
    console.log(`fresh app: npm resolves versions published before ${before}`);
    if (!reuse) {
      step('create-app (template only)', () =>
        sh('backstage-create-app', ['--skip-install', '--path', appDir], {
          cwd: work,
          env: { ...env22, BACKSTAGE_APP_NAME: 'fresh-app' },
        }),
      );
      step('npm install of the app', () => {
        switchToNpm(appDir, npmQuirks(root));
        sh('npm', ['install', ...npmArgs], { cwd: appDir, env: env22 });
      });
    }
    const appOwn = backstageVersions(appDir);
    const appLock = JSON.parse(fs.readFileSync(path.join(appDir, 'package-lock.json'), 'utf8'));

    const tarballs = step('pack our packages', () => packAll(fs.mkdtempSync(path.join(work, 'packs-')), { build }));
    const tgz = name => tarballs.find(t => t.name === name).file;
    // Before installing: the app shares the root's legacy-peer-deps, so npm
    // would install past a stale peer range without a word.
    const unmet = unmetRanges(tarballs.map(t => packedManifest(t.file)), appLock);
    if (unmet.length) throw new Error(`our ranges miss the app's installed versions:\n- ${unmet.join('\n- ')}`);
    const common = tgz('@netpol/plugin-netpol-compliance-common');
    // As the README says; the common package is given as a tarball too, since
    // it is not on the registry when the test runs before a release.
    step('npm install of our tarballs (README)', () => {
      const install = (ws, pkg) =>
        sh('npm', ['install', ...npmArgs, common, pkg, '--workspace', ws], { cwd: appDir, env: env22 });
      install('packages/backend', tgz('@netpol/plugin-netpol-compliance-backend'));
      install('packages/app', tgz('@netpol/plugin-netpol-compliance'));
    });
    const added = addedCopies(appOwn, backstageVersions(appDir));
    if (added.length) throw new Error(`our packages add second copies of Backstage packages:\n- ${added.join('\n- ')}`);

    addBackendPlugin(appDir);
    fs.writeFileSync(path.join(appDir, 'app-config.test.yaml'), JSON.stringify(testConfig(), null, 2));
    const configArgs = ['--config', '../../app-config.yaml', '--config', '../../app-config.test.yaml'];
    const cli = path.join(appDir, 'node_modules/.bin/backstage-cli');
    step('build the app', () => sh(cli, ['package', 'build', ...configArgs], { cwd: path.join(appDir, 'packages/app'), env: env22 }));

    const cluster = start('cluster', process.execPath, [
      path.join(root, 'packages/demo-cluster/bin/demo-cluster.js'),
      '--cluster', `prod-eu=${path.join(root, 'examples/clusters/prod-eu')}:${CLUSTER_PORT}`,
      '--token', TOKEN,
    ], {}, work);
    children.push(cluster);
    const backend = start('backend', cli, ['package', 'start', ...configArgs], { cwd: path.join(appDir, 'packages/backend'), env: env22 }, work);
    children.push(backend);
    const started = Date.now();
    await waitFor('the backend', async () => (await fetch(`${BASE}/api/netpol-compliance/health`)).ok, 300_000, backend);
    // /health answers once our plugin is up; the app is served once every plugin is.
    await waitFor('the app', async () => (await fetch(`${BASE}/`)).ok, 300_000, backend);
    // The tab shows what the scheduled scan stored: wait for that scan.
    await waitFor(
      'the first scan of the demo cluster',
      async () => {
        const signIn = await fetch(`${BASE}/api/auth/guest/refresh`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } });
        const token = (await signIn.json()).backstageIdentity.token;
        const res = await fetch(`${BASE}/api/netpol-compliance/status`, { headers: { Authorization: `Bearer ${token}` } });
        return res.ok && (await res.json()).clusters.some(c => c.name === 'prod-eu' && c.scannedAt);
      },
      180_000,
      backend,
    );
    timings.push(`start the backend: ${Math.round((Date.now() - started) / 1000)} s`);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.goto(`${BASE}/catalog/default/component/shop-web/netpol-compliance`);
      try {
        await page.getByRole('button', { name: /enter/i }).click({ timeout: 120_000 });
        await page.getByRole('link', { name: 'Network policy', exact: true }).waitFor({ timeout: 120_000 });
        await page.getByRole('table', { name: 'Network policy compliance per namespace' }).waitFor({ timeout: 120_000 });
      } finally {
        await page.screenshot({ path: path.join(work, 'entity-tab.png'), fullPage: true });
      }
    } finally {
      await browser.close();
    }
    failed = false;
  } finally {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    console.log(`\nfresh app timings:\n  ${timings.join('\n  ')}`);
    if (failed || keep) {
      console.log(`fresh app: logs and screenshot in ${work}${reuse ? '' : ` (app: ${appDir})`}`);
    } else {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  console.log('fresh app: the Network policy tab renders in an app made by create-app from the packed tarballs');
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
