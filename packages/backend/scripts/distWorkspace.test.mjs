import { createRequire } from 'node:module';
import path from 'node:path';
import { DIST_WORKSPACE_MODULE, loadCreateDistWorkspace } from './distWorkspace.mjs';

// Resolves the CLI as build-dist.mjs does, through the workspace's
// node_modules. From the working directory: jest runs this file as ESM
// from the repository root (npm test) and as CommonJS from the package,
// so neither __dirname nor import.meta exists in both.
const rootRequire = createRequire(path.join(process.cwd(), 'package.json'));

describe('loadCreateDistWorkspace', () => {
  it('loads the Backstage CLI step the installed CLI ships', () => {
    expect(typeof loadCreateDistWorkspace(rootRequire)).toBe('function');
  });

  it('fails naming the file and what to do when the CLI moves it', () => {
    const moved = '@backstage/cli-module-build/dist/lib/packager/movedAway.cjs.js';
    expect(() => loadCreateDistWorkspace(rootRequire, moved)).toThrow(
      new RegExp(`^build-dist: ${moved.replace(/[.]/g, '\\.')} cannot be loaded \\(MODULE_NOT_FOUND\\)\\..*backstage-cli build-workspace`),
    );
  });

  it('fails when the file no longer exports the step', () => {
    const fake = id => (id === DIST_WORKSPACE_MODULE ? { somethingElse() {} } : rootRequire(id));
    expect(() => loadCreateDistWorkspace(fake)).toThrow(/no longer exports createDistWorkspace/);
  });

  it('fails when the step no longer returns its targets', async () => {
    const fake = id => (id === DIST_WORKSPACE_MODULE ? { createDistWorkspace: async () => ({}) } : rootRequire(id));
    await expect(loadCreateDistWorkspace(fake)([], {})).rejects.toThrow(/no longer returns \{ targets \}/);
  });
});
