#!/usr/bin/env node
// `npm test`: every package's jest tests (unit, component, integration,
// storage), then the browser test against the demo as `npm run demo` starts it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The kubernetes backend loads @kubernetes/client-node (ESM) with a dynamic
// import(), which jest's CommonJS runtime only allows with this flag.
const env = {
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
};

function step(name, command, args) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

step('jest: unit, component, integration, storage', path.join(root, 'node_modules/.bin/backstage-cli'), ['repo', 'test', '--watchAll=false']);
step('chromium for the browser test', 'bash', ['scripts/ensure-chromium.sh']);
step('browser: the demo in Chromium', process.execPath, ['test/browser/run.mjs']);
