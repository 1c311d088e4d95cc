// Static checks of one packed tarball, as a consumer's install would see it.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Frontend packages that must be the app's own copy (React contexts, api and
// route refs, the entity context): a plugin declares them as peers so that it
// never brings a second copy.
export const FRONTEND_SINGLETONS = [
  'react',
  'react-dom',
  'react-router-dom',
  '@backstage/core-plugin-api',
  '@backstage/frontend-plugin-api',
  '@backstage/plugin-catalog-react',
];

function tar(args) {
  const r = spawnSync('tar', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`tar ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function targetsOf(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(targetsOf);
  if (value && typeof value === 'object') {
    // `backstage` is a feature type in the exports map, not a file.
    return Object.entries(value).filter(([k]) => k !== 'backstage').flatMap(([, v]) => targetsOf(v));
  }
  return [];
}

const norm = p => path.posix.normalize(p.replace(/^\.\//, ''));

/** The bare package names a JS file imports or requires. */
export function importedPackages(source) {
  const names = new Set();
  const re = /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s+|\bimport\s+)(['"])([^'"\n]+)\1/g;
  for (const m of source.matchAll(re)) {
    const spec = m[2];
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    if (builtinModules.includes(name)) continue;
    names.add(name);
  }
  return names;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** Problems of one tarball; `siblings` are the other packed packages. */
export async function checkTarball(file, siblings) {
  const problems = [];
  const files = new Set(tar(['tzf', file]).split('\n').filter(Boolean).map(f => f.replace(/^package\//, '')));
  const pkg = JSON.parse(tar(['xzf', file, '-O', 'package/package.json']));

  for (const required of ['README.md', 'LICENSE', 'package.json']) {
    if (!files.has(required)) problems.push(`no ${required} in the tarball`);
  }
  const sources = [...files].filter(f => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts'));
  if (sources.length) problems.push(`TypeScript sources shipped: ${sources.slice(0, 3).join(', ')}`);
  if (files.has('config.d.ts') || (pkg.configSchema && !files.has(pkg.configSchema))) {
    problems.push(`config schema ${pkg.configSchema} is not the generated one in the tarball`);
  }

  const entries = [pkg.main, pkg.module, pkg.types, ...targetsOf(pkg.exports), ...targetsOf(pkg.typesVersions)]
    .filter(Boolean)
    .map(norm);
  for (const entry of new Set(entries)) {
    if (!files.has(entry)) problems.push(`entry point ${entry} is not in the tarball`);
    if (/^src\//.test(entry)) problems.push(`entry point ${entry} points at sources`);
  }

  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ]);
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (/^(workspace|file|link):/.test(range)) problems.push(`dependency ${name}@${range} cannot install from a registry`);
    const sibling = siblings.find(s => s.name === name);
    if (sibling) {
      const version = JSON.parse(tar(['xzf', sibling.file, '-O', 'package/package.json'])).version;
      if (range !== version && range !== `^${version}` && range !== `~${version}`) {
        problems.push(`depends on ${name}@${range}, packed alongside ${version}`);
      }
    }
  }
  if (pkg.backstage?.role === 'frontend-plugin') {
    for (const name of FRONTEND_SINGLETONS) {
      if (pkg.dependencies?.[name]) problems.push(`${name} is a dependency: an app singleton must be a peer`);
    }
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-pack-check-'));
  try {
    tar(['xzf', file, '-C', dir, '--strip-components=1']);
    // Bins are run from the consumer folder instead (run.mjs): they may
    // guard optional requires that a static scan would flag.
    const distDir = path.join(dir, 'dist');
    const code = (fs.existsSync(distDir) ? walk(distDir) : []).filter(f => /\.(c|m)?js$/.test(f));
    for (const f of code) {
      for (const name of importedPackages(fs.readFileSync(f, 'utf8'))) {
        if (!declared.has(name)) problems.push(`${path.relative(dir, f)} imports ${name}, which is not declared`);
      }
    }
    for (const [name, target] of Object.entries(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : pkg.bin ?? {})) {
      if (!files.has(norm(target))) problems.push(`bin ${name}: ${target} is not in the tarball`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}
