#!/usr/bin/env node
// Production build of the demo backend with npm.
//
// `backstage-cli package build` bundles a backend by copying the root
// yarn.lock, which this npm repo does not have (ENOENT), and so does the
// documented `backstage-cli build-workspace`. This does the same
// with npm's files: the backend's own code (CommonJS), then the Backstage CLI's
// dist workspace (each local package the backend needs, as `npm pack` would
// publish it, with its dist entry points and generated config schema), plus a
// root package.json naming only those workspaces, the root package-lock.json
// and .npmrc. The result, dist/bundle/, installs with
// `npm install --omit=dev` and starts with `node packages/backend`.
//
// Build the local packages first (root: `npm run tsc && npm run build:all`);
// this script does not rebuild them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCreateDistWorkspace } from './distWorkspace.mjs';

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(backendDir, '../..');
const require = createRequire(path.join(root, 'package.json'));
const cli = path.join(root, 'node_modules/.bin/backstage-cli');
const bundleDir = path.join(backendDir, 'dist/bundle');

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

// The backend's code as plain CommonJS: the `cli` role is the one whose
// build output is CommonJS only (no declarations, no yarn bundle step).
// (It also clears dist/, so an older dist/bundle is not packed into the new one.)
run(cli, ['package', 'build', '--role', 'cli'], backendDir);

const app = path.join(root, 'packages/app/dist/index.html');
if (!fs.existsSync(app)) {
  console.warn('build-dist: packages/app/dist is missing; the backend will start without serving the app (run `npm run build:all` first)');
}

// The Backstage CLI's own dist-workspace step (what its yarn bundle and
// `backstage-cli build-workspace` use), without their yarn.lock copy: an
// internal file, since no documented command bundles with npm (why, and the
// guard that names the file when a CLI release moves it: distWorkspace.mjs).
// It comes with the root's @backstage/cli, pinned in the root package.json.
const createDistWorkspace = loadCreateDistWorkspace(require);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-backend-dist-'));
const cwd = process.cwd();
try {
  process.chdir(root);
  const { targets } = await createDistWorkspace(['backend'], {
    targetDir: tmp,
    buildDependencies: false,
    skeleton: 'skeleton.tar.gz',
    enableFeatureDetection: true,
    files: ['package-lock.json', '.npmrc'],
  });
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const bundlePkg = {
    name: 'netpol-compliance-backend-bundle',
    version: rootPkg.version,
    private: true,
    engines: rootPkg.engines,
    workspaces: targets.map(t => path.relative(root, t.dir).split(path.sep).join('/')).sort(),
    overrides: rootPkg.overrides,
    allowScripts: rootPkg.allowScripts,
  };
  fs.writeFileSync(path.join(tmp, 'package.json'), `${JSON.stringify(bundlePkg, null, 2)}\n`);
  // A package packed before it was built has no entry point: say which.
  const unbuilt = bundlePkg.workspaces.filter(ws => {
    const pkg = JSON.parse(fs.readFileSync(path.join(tmp, ws, 'package.json'), 'utf8'));
    return !pkg.bundled && !fs.existsSync(path.join(tmp, ws, pkg.main ?? 'index.js'));
  });
  if (unbuilt.length) {
    throw new Error(`build-dist: not built (run \`npm run tsc && npm run build:all\`): ${unbuilt.join(', ')}`);
  }
  fs.cpSync(tmp, bundleDir, { recursive: true });
  console.log(`build-dist: ${path.relative(root, bundleDir)} holds ${bundlePkg.workspaces.join(', ')}`);
} finally {
  process.chdir(cwd);
  fs.rmSync(tmp, { recursive: true, force: true });
}
