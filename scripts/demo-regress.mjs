#!/usr/bin/env node
// `npm run demo:regress` / `npm run demo:undo`, beside a running `npm run
// demo`: makes (or undoes) a NetworkPolicy regression in the demo's served
// copy of the clusters, reloads the demo cluster, rescans and runs the
// regression notifier, so the owners' notification shows at once in the
// app's Notifications page (http://localhost:3000/notifications).
import { REGRESSION, applyRegression, undoRegression } from './demo/regression.mjs';
import { readState } from './demo/state.mjs';

const NOTIFIER_TASK = 'netpol-compliance-notify-regressions';
const TIMEOUT_MS = 120_000;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function backendToken(state) {
  if (state.token) return state.token;
  // As the app's guest sign-in does.
  const res = await fetch(`${state.backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status} (is the backend up at ${state.backendUrl}?)`);
  return (await res.json()).backstageIdentity.token;
}

async function clusterResourceVersion(cluster) {
  const res = await fetch(`${cluster.url}/api/v1/namespaces?limit=1`, {
    headers: { Authorization: `Bearer ${cluster.token}` },
  });
  if (!res.ok) throw new Error(`demo cluster at ${cluster.url}: HTTP ${res.status}`);
  return (await res.json()).metadata.resourceVersion;
}

/** SIGHUP to the demo cluster, then wait until it serves the change. */
async function reloadCluster(state, before) {
  process.kill(state.clusterPid, 'SIGHUP');
  const cluster = state.clusters[REGRESSION.cluster];
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
    if ((await clusterResourceVersion(cluster)) !== before) return;
  }
  throw new Error(`demo cluster ${REGRESSION.cluster} did not reload (see the demo's output)`);
}

async function api(state, token, method, path, body) {
  const res = await fetch(`${state.backendUrl}/api/netpol-compliance${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return res;
}

async function scan(state, token) {
  const res = await api(state, token, 'POST', '/scan?wait=true', { cluster: REGRESSION.cluster });
  if (!res.ok) throw new Error(`rescan: HTTP ${res.status} ${await res.text()}`);
  const result = (await res.json()).clusters?.find(c => c.name === REGRESSION.cluster);
  if (!result?.ok) throw new Error(`rescan of ${REGRESSION.cluster} failed: ${JSON.stringify(result)}`);
  console.log(`rescanned ${REGRESSION.cluster}`);
}

/**
 * The notifier finds owners in the catalog: right after the backend starts,
 * the catalog may not have read examples/catalog yet, and a regression
 * found then would reach nobody.
 */
async function waitForCatalog(state, token) {
  const entity = `/entity/component/default/${REGRESSION.entity}`;
  for (const deadline = Date.now() + TIMEOUT_MS; Date.now() < deadline; await sleep(1000)) {
    const res = await api(state, token, 'GET', entity);
    if (res.ok) return;
  }
  throw new Error(`the catalog has no component ${REGRESSION.entity} yet (is the backend still starting?)`);
}

async function notifierState(state, token) {
  const res = await api(state, token, 'GET', '/.backstage/scheduler/v1/tasks');
  if (!res.ok) return undefined;
  return (await res.json()).tasks.find(t => t.taskId === NOTIFIER_TASK)?.taskState ?? undefined;
}

/**
 * Runs the notifier now through the scheduler's own trigger endpoint and
 * waits for that run to end. Without the endpoint, the notifier still runs
 * on its schedule (netpolCompliance.notifications.schedule).
 */
async function runNotifier(state, token) {
  const deadline = Date.now() + TIMEOUT_MS;
  const endedBefore = (await notifierState(state, token))?.lastRunEndedAt;
  for (;;) {
    const res = await api(state, token, 'POST', `/.backstage/scheduler/v1/tasks/${NOTIFIER_TASK}/trigger`);
    if (res.ok) break;
    if (res.status !== 409 || Date.now() > deadline) {
      console.log(`the notifier runs on its own schedule (trigger: HTTP ${res.status})`);
      return;
    }
    await sleep(500); // a run is under way: trigger another after it
  }
  while (Date.now() < deadline) {
    const now = await notifierState(state, token);
    if (now?.status === 'idle' && now.lastRunEndedAt !== endedBefore) {
      console.log(now.lastRunError ? `the notifier failed: ${now.lastRunError}` : 'the notifier ran');
      return;
    }
    await sleep(500);
  }
  throw new Error('the notifier did not finish in time');
}

async function main(action) {
  if (action !== 'regress' && action !== 'undo') {
    throw new Error('usage: demo-regress.mjs regress|undo');
  }
  const state = readState();
  const token = await backendToken(state);
  const what = `${REGRESSION.kind} ${REGRESSION.namespace}/${REGRESSION.name} on ${REGRESSION.cluster}`;
  await waitForCatalog(state, token);
  if (action === 'regress') {
    // The notifier first records the passing state: it only tells owners
    // about a change it has seen happen.
    await scan(state, token);
    await runNotifier(state, token);
  }
  const before = await clusterResourceVersion(state.clusters[REGRESSION.cluster]);
  const change = action === 'regress' ? applyRegression : undoRegression;
  if (!change(state.clustersDir)) {
    console.log(action === 'regress' ? `${what} is already deleted (npm run demo:undo puts it back)` : `${what} is already in place`);
    return;
  }
  console.log(action === 'regress' ? `deleted ${what}` : `restored ${what}`);
  await reloadCluster(state, before);
  await scan(state, token);
  await runNotifier(state, token);
  console.log(
    action === 'regress'
      ? "team-shop's owners are told: see the app's Notifications page (http://localhost:3000/notifications)"
      : 'shop passes again on prod-eu; a new `npm run demo:regress` notifies again',
  );
}

main(process.argv[2] ?? 'regress').catch(e => {
  console.error(`demo-regress: ${e.message}`);
  process.exitCode = 1;
});
