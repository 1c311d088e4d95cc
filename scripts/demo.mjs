#!/usr/bin/env node
// Runs the demo: the two demo clusters, then the Backstage backend and app
// (`backstage-cli repo start`). Ctrl-C stops everything.
//
// The clusters serve a copy of examples/clusters in a temp folder, watched
// and reloaded on SIGHUP, so `npm run demo:regress` (scripts/demo-regress.mjs)
// can change a policy there without touching the repository.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT as root, copyExampleClusters, removeState, writeState } from './demo/state.mjs';

const BACKEND_URL = 'http://localhost:7007';
// As in app-config.yaml's kubernetes section.
const CLUSTERS = {
  'prod-eu': { port: 6443, token: 'demo-prod-eu-token' },
  'staging-us': { port: 6444, token: 'demo-staging-us-token' },
};
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
  removeState(clusterProcess.pid);
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const clustersDir = copyExampleClusters();
const clusterProcess = run(
  process.execPath,
  [
    'packages/demo-cluster/bin/demo-cluster.js',
    '--watch',
    ...Object.entries(CLUSTERS).flatMap(([name, { port, token }]) => [
      '--cluster',
      `${name}=${path.join(clustersDir, name)}:${port}`,
      '--token',
      token,
    ]),
  ],
  'demo clusters',
);
writeState({
  clusterPid: clusterProcess.pid,
  clustersDir,
  clusters: Object.fromEntries(
    Object.entries(CLUSTERS).map(([name, { port, token }]) => [name, { url: `http://127.0.0.1:${port}`, token }]),
  ),
  backendUrl: BACKEND_URL,
});
run(path.join(root, 'node_modules/.bin/backstage-cli'), ['repo', 'start', ...process.argv.slice(2)], 'backstage');
