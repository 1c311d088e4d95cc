/*
 * Preloaded (`node --require bench/builtPackages.js`) into the benchmark's
 * backend: our packages resolve to their built `dist/` entry points, as they
 * do once published (their `publishConfig.main`), instead of to `src/` through
 * the TypeScript transform. A worker thread inherits the process's
 * `--require`, so the scan worker loads the built engine too.
 *
 * Why the bench measures the build: the transform compiles each TypeScript
 * file on first load and keeps its output and source map, in the backend and
 * again in every scan worker. That is a development cost (about a second of
 * CPU when a worker starts, and its memory), not the plugin's.
 */
'use strict';

const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** Package name to its built CommonJS entry point. */
const BUILT = {
  '@netpol/plugin-netpol-compliance-common': 'plugins/netpol-compliance-common/dist/index.cjs.js',
  '@netpol/plugin-netpol-compliance-backend': 'plugins/netpol-compliance-backend/dist/index.cjs.js',
  // The bench's backend module takes only `freeLoopbackPort` from the demo
  // cluster's package: that module alone (the package's index also loads
  // its manifest reader, whose YAML dependency is ESM only).
  '@netpol/demo-cluster': 'packages/demo-cluster/dist/freePort.cjs.js',
};

for (const [name, file] of Object.entries(BUILT)) {
  if (!fs.existsSync(path.join(root, file))) {
    throw new Error(`bench: ${name} is not built (${file} is missing): the bench builds it first`);
  }
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveBuilt(request, ...rest) {
  const file = BUILT[request];
  return file ? path.join(root, file) : resolve.call(this, request, ...rest);
};

module.exports = { BUILT, root };
