/*
 * Entry point of every benchmark child process:
 *   node [flags] bench/runChild.js <module> '<json args>'
 * Loads the module through the Backstage CLI's TypeScript transform (or,
 * with NETPOL_BENCH_PLAIN=1, as plain JavaScript), runs
 * its `main(args, ipc)` and sends `{ type: 'result', result }` (or
 * `{ type: 'error' }`) to the parent, then exits. Servers (the demo cluster,
 * the backend) answer requests through `ipc.onRequest` and run until
 * SIGTERM.
 */
'use strict';

const path = require('node:path');

// A module compiled to JavaScript runs without it (NETPOL_BENCH_PLAIN=1).
if (process.env.NETPOL_BENCH_PLAIN !== '1') require('@backstage/cli/config/nodeTransform.cjs');

const [modulePath, argsJson] = process.argv.slice(2);

function send(message) {
  return new Promise(resolve => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });
}

const handlers = new Map();
process.on('message', async msg => {
  if (!msg || typeof msg !== 'object' || msg.id === undefined) return;
  const handler = handlers.get(msg.type);
  if (!handler) {
    await send({ type: 'reply', id: msg.id, error: `no handler for ${msg.type}` });
    return;
  }
  try {
    await send({ type: 'reply', id: msg.id, body: await handler(msg) });
  } catch (e) {
    await send({ type: 'reply', id: msg.id, error: e && e.message ? e.message : String(e) });
  }
});

const ipc = {
  send,
  onRequest(type, handler) {
    handlers.set(type, handler);
  },
};

async function run() {
  const mod = require(path.resolve(__dirname, modulePath));
  try {
    const result = await mod.main(JSON.parse(argsJson || '{}'), ipc);
    await send({ type: 'result', result });
    process.exit(0);
  } catch (e) {
    await send({ type: 'error', message: e && e.message ? e.message : String(e), stack: e && e.stack });
    process.exit(1);
  }
}

run();
