#!/usr/bin/env node
// The packages as npm publishes them: `npm pack` each published plugin (its
// prepack rewrites package.json to the dist build), then use the tarballs as a
// consumer would, from a folder that is not the workspace:
// - every entry point, type and bin named by the packed package.json is in
//   the tarball, and no TypeScript source is; every bin runs `--help`;
// - every package the built code imports is declared (dependencies or peers);
// - require() and import() of the backend and common builds work, and give
//   the backend feature and the control catalogue;
// - TypeScript resolves every entry point (main and /alpha) to the shipped
//   declarations.
// `--no-build` skips `tsc` and the package builds (when dist is fresh).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkTarball } from './checks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = name => path.join(root, 'node_modules/.bin', name);

/** Every workspace package that is not private: what a release publishes. */
export function publishedPackages() {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return rootPkg.workspaces
    .flatMap(w => {
      const base = w.replace(/\/\*$/, '');
      if (!w.endsWith('/*')) return [w];
      return fs.readdirSync(path.join(root, base)).map(d => path.posix.join(base, d));
    })
    .filter(dir => fs.existsSync(path.join(root, dir, 'package.json')))
    .filter(dir => !JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8')).private)
    .sort();
}

function run(command, args, cwd = root) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/** Builds (unless told not to) and packs every published package into outDir. */
export function packAll(outDir, { build = true } = {}) {
  const PUBLISHED = publishedPackages();
  if (build) {
    // The package builds take their declarations from the root tsc output.
    // Type errors elsewhere in the repo are tsc's own CI step, not this one's.
    spawnSync(bin('tsc'), [], { cwd: root, stdio: 'ignore' });
    // Each package's own build script (the CLI bundles with esbuild).
    for (const dir of PUBLISHED) run('npm', ['run', 'build'], path.join(root, dir));
  }
  const tarballs = [];
  for (const dir of PUBLISHED) {
    const pkgPath = path.join(root, dir, 'package.json');
    const before = fs.readFileSync(pkgPath, 'utf8');
    try {
      const out = run('npm', ['pack', '--json', '--pack-destination', outDir], path.join(root, dir));
      const [info] = JSON.parse(out.slice(out.indexOf('[')));
      tarballs.push({ dir, name: info.name, file: path.join(outDir, info.filename) });
    } finally {
      // postpack restores package.json; a failed pack must not leave the
      // dist-rewritten one behind in the shared tree.
      if (fs.readFileSync(pkgPath, 'utf8') !== before) fs.writeFileSync(pkgPath, before);
      fs.rmSync(path.join(root, dir, 'package.json-prepack'), { force: true });
    }
  }
  return tarballs;
}

/** Unpacks each tarball to <consumer>/node_modules/<name>. */
function install(tarballs, consumer) {
  for (const t of tarballs) {
    const target = path.join(consumer, 'node_modules', t.name);
    fs.mkdirSync(target, { recursive: true });
    run('tar', ['xzf', t.file, '-C', target, '--strip-components=1']);
  }
}

/** Every bin of the packed packages runs `--help` from the consumer folder. */
function runBins(tarballs, consumer) {
  const failures = [];
  for (const t of tarballs) {
    const dir = path.join(consumer, 'node_modules', t.name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : pkg.bin ?? {};
    for (const [name, target] of Object.entries(bins)) {
      const r = spawnSync(process.execPath, [path.join(dir, target), '--help'], { cwd: consumer, encoding: 'utf8' });
      if (r.status !== 0 || !r.stdout.trim()) {
        failures.push(`${t.name}: bin ${name} --help exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
      }
    }
  }
  return failures;
}

async function useAsConsumer(consumer) {
  const failures = [];
  const req = createRequire(path.join(consumer, 'consumer.cjs'));
  const inConsumer = p => p.startsWith(path.join(consumer, 'node_modules'));

  const attempt = (what, fn) => {
    try {
      return fn();
    } catch (e) {
      failures.push(`${what}: ${e.message.split('\n')[0]}`);
      return undefined;
    }
  };
  const common = attempt('common: require()', () => req('@netpol/plugin-netpol-compliance-common')) ?? {};
  if (!inConsumer(attempt('common', () => req.resolve('@netpol/plugin-netpol-compliance-common')) ?? '')) failures.push('common: resolved outside the consumer');
  if (!Array.isArray(common.CONTROLS) || common.CONTROLS.length < 6) failures.push('common: require() gave no control catalogue');

  const backend = attempt('backend: require()', () => req('@netpol/plugin-netpol-compliance-backend')) ?? {};
  if (backend.default?.$$type !== '@backstage/BackendFeature') {
    failures.push(`backend: default export is ${backend.default?.$$type}, not a BackendFeature`);
  }
  // The backend's own require of common must be the packed one too.
  const fromBackend = attempt('backend', () =>
    createRequire(req.resolve('@netpol/plugin-netpol-compliance-backend')).resolve('@netpol/plugin-netpol-compliance-common'),
  );
  if (fromBackend && !inConsumer(fromBackend)) {
    failures.push('backend: resolves common outside the consumer');
  }

  const esmCommon = await import(pathToFileURL(path.join(consumer, 'esm.mjs')).href).catch(e => e);
  if (esmCommon instanceof Error) failures.push(`common: import() failed: ${esmCommon.message}`);
  else if (!esmCommon.ok) failures.push('common: import() gave no control catalogue');
  return failures;
}

function typecheck(consumer) {
  fs.writeFileSync(
    path.join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: true, jsx: 'react-jsx',
        module: 'ES2020', moduleResolution: 'bundler', target: 'ES2022', types: [],
      },
      files: ['consumer.ts'],
    }),
  );
  const r = spawnSync(bin('tsc'), ['-p', consumer], { encoding: 'utf8' });
  // Node-style resolution (typesVersions) as older app tsconfigs use it.
  const r10 = spawnSync(bin('tsc'), ['-p', consumer, '--module', 'commonjs', '--moduleResolution', 'node10'], { encoding: 'utf8' });
  return [r, r10].filter(x => x.status !== 0).map(x => `tsc: ${x.stdout}${x.stderr}`);
}

async function main() {
  const build = !process.argv.includes('--no-build');
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-pack-'));
  // Inside the root node_modules (ignored by git) so the packed packages find
  // their third-party dependencies there, and only there: the workspace
  // symlinks of @netpol/* are shadowed by the consumer's own node_modules.
  const consumer = fs.mkdtempSync(path.join(root, 'node_modules', '.netpol-pack-consumer-'));
  const failures = [];
  try {
    const tarballs = packAll(packDir, { build });
    console.log(`pack test: packed ${tarballs.map(t => t.name).join(', ')}`);
    for (const t of tarballs) {
      const problems = await checkTarball(t.file, tarballs);
      failures.push(...problems.map(p => `${t.name}: ${p}`));
    }
    install(tarballs, consumer);
    fs.copyFileSync(path.join(root, 'test/pack/consumer/esm.mjs'), path.join(consumer, 'esm.mjs'));
    fs.copyFileSync(path.join(root, 'test/pack/consumer/consumer.ts'), path.join(consumer, 'consumer.ts'));
    failures.push(...(await useAsConsumer(consumer)));
    failures.push(...runBins(tarballs, consumer));
    failures.push(...typecheck(consumer));
  } finally {
    fs.rmSync(consumer, { recursive: true, force: true });
    fs.rmSync(packDir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`pack test: ${failures.length} problem(s)\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`pack test: the published packages pack and work from their tarballs`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
