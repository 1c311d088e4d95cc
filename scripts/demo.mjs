#!/usr/bin/env node
// Runs the demo: the two demo clusters, then the Backstage backend and app
// (`backstage-cli repo start`). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = [];

function run(command, args, name) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  child.on('exit', code => {
    if (!stopping) {
      console.error(`${name} exited (${code}); stopping the demo.`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run(
  process.execPath,
  [
    'packages/demo-cluster/bin/demo-cluster.js',
    '--cluster', 'prod-eu=examples/clusters/prod-eu:6443',
    '--cluster', 'staging-us=examples/clusters/staging-us:6444',
    '--token', 'demo-prod-eu-token',
    '--token', 'demo-staging-us-token',
  ],
  'demo clusters',
);
run(path.join(root, 'node_modules/.bin/backstage-cli'), ['repo', 'start', ...process.argv.slice(2)], 'backstage');
