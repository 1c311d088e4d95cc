import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import packageJson from '../package.json';

const PKG = path.resolve(__dirname, '..');
const REPO = path.resolve(PKG, '../..');
const DIST = path.join(PKG, 'dist/index.cjs.js');
const BUNDLED = '@netpol/plugin-netpol-compliance-common';

// The published package runs from dist/ with Node alone: no TypeScript, no
// @backstage/cli, no sibling workspace package resolved through its sources.
describe('the built command line (dist/index.cjs.js)', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: PKG,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (build.status !== 0 || build.stderr !== '') {
      throw new Error(`build failed (${build.status}): ${build.stderr}`);
    }
  }, 130_000);

  it('requires only Node built-ins and its own declared dependencies', () => {
    const source = fs.readFileSync(DIST, 'utf8');
    const required = new Set(
      [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map(m => m[1]),
    );
    const allowed = new Set(Object.keys(packageJson.dependencies));
    allowed.delete(BUNDLED);
    const stray = [...required].filter(
      name =>
        !name.startsWith('node:') &&
        !builtinModules.includes(name) &&
        !allowed.has(name),
    );
    expect(stray).toEqual([]);
  });

  it('scans examples/clusters/prod-eu with plain node: exit 1, legacy-billing fails NETPOL-001', () => {
    const r = spawnSync(
      process.execPath,
      [DIST, 'scan', 'examples/clusters/prod-eu', '--format', 'json'],
      // No NODE_OPTIONS from jest: the file must load without any loader.
      { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toContainEqual(
      expect.objectContaining({
        control: 'NETPOL-001',
        status: 'fail',
        namespace: 'legacy-billing',
      }),
    );
  });

  it('prints the package version', () => {
    const r = spawnSync(process.execPath, [DIST, '--version'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(r.stdout.trim()).toBe(packageJson.version);
    expect(r.status).toBe(0);
  });
});
