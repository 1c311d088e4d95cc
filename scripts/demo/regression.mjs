// The demo's regression: someone deletes prod-eu/shop's default-deny-all
// NetworkPolicy. NETPOL-004 and NETPOL-005 turn from pass to fail there, and
// the owners of shop-web (team-shop, which the demo's guest user is in) get
// one notification. Undo puts the example file back.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { EXAMPLE_CLUSTERS } from './state.mjs';

export const REGRESSION = {
  cluster: 'prod-eu',
  file: 'shop.yaml',
  kind: 'NetworkPolicy',
  namespace: 'shop',
  name: 'default-deny-all',
  /** The catalog component whose owners hear about it. */
  entity: 'shop-web',
};

const isTarget = doc => {
  const o = doc.toJS() ?? {};
  return o.kind === REGRESSION.kind && o.metadata?.namespace === REGRESSION.namespace && o.metadata?.name === REGRESSION.name;
};

const servedFile = clustersDir => path.join(clustersDir, REGRESSION.cluster, REGRESSION.file);

/** Written beside (a dot-file), then renamed: a watcher never reads half a file. */
function replaceFile(file, text) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

/**
 * Removes the policy's document from the served file, keeping every other
 * document as written. Returns false when it is already gone.
 */
export function applyRegression(clustersDir) {
  const file = servedFile(clustersDir);
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const kept = docs.filter(doc => !isTarget(doc));
  if (kept.length === docs.length) return false;
  // Each document after the first prints its own `---`.
  replaceFile(file, kept.map(doc => doc.toString()).join(''));
  return true;
}

/** Puts the example's file back. Returns false when it already is. */
export function undoRegression(clustersDir) {
  const file = servedFile(clustersDir);
  const original = fs.readFileSync(path.join(EXAMPLE_CLUSTERS, REGRESSION.cluster, REGRESSION.file), 'utf8');
  if (fs.readFileSync(file, 'utf8') === original) return false;
  replaceFile(file, original);
  return true;
}
