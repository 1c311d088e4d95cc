// The Backstage CLI's dist-workspace step, loaded from its internal file.
//
// Why a deep import: Backstage documents no way to bundle a backend with npm.
// `backstage-cli package build` (role backend) and the documented
// `backstage-cli build-workspace <dir> backend` both run this same step with
// its default files, which copy the root yarn.lock (ENOENT in this npm repo),
// and `--always-pack` packs with `yarn pack`; `package bundle` is for dynamic
// plugins only, with yarn. Only the internal function takes the `files`
// option (package-lock.json and .npmrc instead of yarn.lock). Checked with
// @backstage/cli 0.36.6 (cli-module-build 0.1.8); when a documented command
// accepts npm's lock, switch build-dist.mjs to it.

/** The internal file, relative to the packages' node_modules. */
export const DIST_WORKSPACE_MODULE = '@backstage/cli-module-build/dist/lib/packager/createDistWorkspace.cjs.js';

/**
 * createDistWorkspace from `moduleId`, or an error that names the file and
 * says what to do, when a Backstage CLI release moved, renamed or closed it.
 */
export function loadCreateDistWorkspace(require, moduleId = DIST_WORKSPACE_MODULE) {
  const moved = why =>
    new Error(
      `build-dist: ${moduleId} ${why}. The Backstage CLI (@backstage/cli-module-build ${cliModuleBuildVersion(require)}) ` +
        'has moved or changed its internal dist-workspace step, which packages/backend/scripts/build-dist.mjs ' +
        'imports because no documented command bundles a backend without yarn.lock. Check whether ' +
        '`backstage-cli build-workspace` or `backstage-cli package build` now work with npm (then use it), ' +
        'or point DIST_WORKSPACE_MODULE in packages/backend/scripts/distWorkspace.mjs at the new file.',
    );
  let loaded;
  try {
    loaded = require(moduleId);
  } catch (e) {
    throw moved(`cannot be loaded (${e.code ?? e.message})`);
  }
  if (typeof loaded?.createDistWorkspace !== 'function') {
    throw moved('no longer exports createDistWorkspace');
  }
  return async (packages, options) => {
    const result = await loaded.createDistWorkspace(packages, options);
    if (!Array.isArray(result?.targets)) throw moved('createDistWorkspace no longer returns { targets }');
    return result;
  };
}

function cliModuleBuildVersion(require) {
  try {
    // It comes with the root's @backstage/cli, not declared here (as the step).
    // eslint-disable-next-line @backstage/no-undeclared-imports
    return require('@backstage/cli-module-build/package.json').version;
  } catch {
    return '(not found)';
  }
}
