// Where the running demo keeps what `npm run demo:regress` needs: the demo
// serves a copy of examples/clusters (so a regression never dirties the
// repository), and a state file says where that copy is, which process
// serves it, and where the backend listens.
//
// state.json: {
//   clusterPid,   // the demo-cluster process (SIGHUP reloads its folders)
//   clustersDir,  // the served copy of examples/clusters
//   clusters: { <name>: { url, token } },
//   backendUrl,
//   token?,       // a Backstage token for the scripts; none = sign in as guest
// }
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE_CLUSTERS = path.join(ROOT, 'examples/clusters');

/** NETPOL_DEMO_DIR, or one folder in the system's temp dir. */
export function demoDir() {
  return process.env.NETPOL_DEMO_DIR ?? path.join(os.tmpdir(), 'netpol-compliance-demo');
}

const stateFile = () => path.join(demoDir(), 'state.json');

/** A fresh copy of examples/clusters to serve; returns its folder. */
export function copyExampleClusters() {
  const clustersDir = path.join(demoDir(), 'clusters');
  fs.rmSync(clustersDir, { recursive: true, force: true });
  fs.mkdirSync(demoDir(), { recursive: true });
  fs.cpSync(EXAMPLE_CLUSTERS, clustersDir, { recursive: true });
  return clustersDir;
}

export function writeState(state) {
  fs.writeFileSync(stateFile(), `${JSON.stringify(state, null, 2)}\n`);
}

export function readState() {
  let text;
  try {
    text = fs.readFileSync(stateFile(), 'utf8');
  } catch {
    throw new Error(`no running demo found (${stateFile()}): start it with \`npm run demo\``);
  }
  return JSON.parse(text);
}

export function removeState(pid) {
  try {
    if (readState().clusterPid === pid) fs.rmSync(stateFile());
  } catch {
    // no state, or another demo's: leave it
  }
}
