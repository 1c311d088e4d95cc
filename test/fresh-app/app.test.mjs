import { resolvedVersion, unmetRanges, workspacesFor } from './app.mjs';

// An app's package-lock.json, cut down to what the check reads: the app's
// Backstage line hoisted to the root, one package nested in packages/app,
// and the workspaces as links.
const lock = {
  packages: {
    '': { name: 'fresh-app' },
    'node_modules/app': { link: true, resolved: 'packages/app' },
    'node_modules/backend': { link: true, resolved: 'packages/backend' },
    'packages/app': { name: 'app', version: '0.0.0' },
    'packages/backend': { name: 'backend', version: '0.0.0' },
    'node_modules/react': { version: '18.3.1' },
    'node_modules/react-dom': { version: '18.3.1' },
    'node_modules/react-router-dom': { version: '6.30.2' },
    'node_modules/@backstage/core-plugin-api': { version: '1.12.10' },
    'node_modules/@backstage/core-components': { version: '0.18.14' },
    'node_modules/@backstage/plugin-catalog-react': { version: '3.2.3' },
    'packages/app/node_modules/@backstage/plugin-catalog-react': { version: '4.0.0' },
    'node_modules/@backstage/plugin-catalog-node': { version: '3.0.0' },
    'node_modules/@backstage/backend-plugin-api': { version: '1.10.1' },
  },
};

const frontend = (peers, deps = {}) => ({
  name: '@netpol/plugin-netpol-compliance',
  backstage: { role: 'frontend-plugin' },
  peerDependencies: peers,
  dependencies: deps,
});

describe('resolvedVersion', () => {
  it('finds the version the workspace resolves, nearest node_modules first', () => {
    expect(resolvedVersion(lock, '@backstage/plugin-catalog-react', 'packages/app')).toBe('4.0.0');
    expect(resolvedVersion(lock, '@backstage/plugin-catalog-react', 'packages/backend')).toBe('3.2.3');
    expect(resolvedVersion(lock, 'react', 'packages/app')).toBe('18.3.1');
    expect(resolvedVersion(lock, 'app', '')).toBe('0.0.0');
    expect(resolvedVersion(lock, 'left-pad', 'packages/app')).toBeUndefined();
  });
});

describe('unmetRanges', () => {
  it('passes ranges that allow what the app has installed', () => {
    expect(
      unmetRanges(
        [
          frontend(
            { react: '^17.0.0 || ^18.0.0', '@backstage/plugin-catalog-react': '^3.2.3 || ^4.0.0' },
            { '@backstage/core-components': '^0.18.14', 'react-use': '^99.0.0' },
          ),
        ],
        lock,
      ),
    ).toEqual([]);
  });

  it('names the package and both versions for a stale peer range, which legacy-peer-deps would install past', () => {
    expect(unmetRanges([frontend({ '@backstage/plugin-catalog-react': '^3.2.3' })], lock)).toEqual([
      "@netpol/plugin-netpol-compliance: peer @backstage/plugin-catalog-react@^3.2.3 does not allow the app's @backstage/plugin-catalog-react@4.0.0 (packages/app)",
    ]);
  });

  it('checks @backstage/* dependencies of a backend package in packages/backend, and only those', () => {
    const backend = {
      name: '@netpol/plugin-netpol-compliance-backend',
      backstage: { role: 'backend-plugin' },
      dependencies: {
        '@backstage/plugin-catalog-node': '^2.2.5',
        '@backstage/backend-plugin-api': '^1.10.1',
        '@backstage/plugin-kubernetes-common': '^0.9.13', // not in the app: installed, no conflict
        yaml: '^1.0.0', // not a Backstage package: its own copy is fine
      },
    };
    expect(unmetRanges([backend], lock)).toEqual([
      "@netpol/plugin-netpol-compliance-backend: dependency @backstage/plugin-catalog-node@^2.2.5 does not allow the app's @backstage/plugin-catalog-node@3.0.0 (packages/backend)",
    ]);
  });

  it('reports a peer the app lacks, and checks a common library from both workspaces', () => {
    const common = {
      name: '@netpol/plugin-netpol-compliance-common',
      backstage: { role: 'common-library' },
      peerDependencies: { '@backstage/plugin-catalog-react': '^3.2.3', 'left-pad': '^1.0.0' },
    };
    expect(unmetRanges([common], lock)).toEqual([
      "@netpol/plugin-netpol-compliance-common: peer @backstage/plugin-catalog-react@^3.2.3 does not allow the app's @backstage/plugin-catalog-react@4.0.0 (packages/app)",
      "@netpol/plugin-netpol-compliance-common: peer left-pad@^1.0.0 is not installed in the app's packages/app",
      "@netpol/plugin-netpol-compliance-common: peer left-pad@^1.0.0 is not installed in the app's packages/backend",
    ]);
  });

  it('leaves out a CLI, which is not installed into the app', () => {
    expect(workspacesFor('cli')).toEqual([]);
    expect(
      unmetRanges([{ name: 'cli', backstage: { role: 'cli' }, peerDependencies: { react: '^19.0.0' } }], lock),
    ).toEqual([]);
  });
});
