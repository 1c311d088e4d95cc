import { once } from 'node:events';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Knex } from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { driverOf } from './database';

/** How often the thread copies the log into the database file. */
const CHECKPOINT_INTERVAL_MS = 500;

/** How long a stopping thread may take to close its connection before it is terminated. */
const STOP_GRACE_MS = 2000;

/** SQLite's own default: a commit that grows the log past this many pages checkpoints. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The checkpointing thread: its own connection to the same file, a PASSIVE
 * checkpoint (never waits for the backend's readers or writer, nor makes
 * them wait) every interval. It reports a failure and stops.
 */
const THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
let db;
let timer;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.filename, { fileMustExist: true, timeout: 0 });
  timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      if (e && e.code === 'SQLITE_BUSY') return;
      clearInterval(timer);
      parentPort.postMessage({ failed: String(e && e.message || e) });
    }
  }, workerData.intervalMs);
  parentPort.postMessage({ started: true });
} catch (e) {
  parentPort.postMessage({ failed: String(e && e.message || e) });
}
parentPort.on('message', () => {
  clearInterval(timer);
  try { db && db.close(); } catch {}
  parentPort.close();
});
`;

/** The plugin's database file when it is SQLite on disk through better-sqlite3; otherwise none. */
function sqliteFileOf(client: Knex): string | undefined {
  if (!/better-sqlite3/.test(driverOf(client))) return undefined;
  const connection = (client.client as { config?: { connection?: unknown } }).config?.connection;
  const filename = (connection as { filename?: unknown } | undefined)?.filename;
  if (typeof filename !== 'string' || !filename || filename === ':memory:' || filename.startsWith('file:')) {
    return undefined;
  }
  return filename;
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Moves SQLite's checkpoints off the backend's event loop. better-sqlite3
 * runs each statement synchronously, and by default the commit that grows
 * the write-ahead log past 1,000 pages (4 MiB) also copies the log into the
 * database file and syncs it, in that same call: at L a scan writes some
 * 50 MiB of rows, and those commits held the event loop 20 to 80 ms each
 * (docs/benchmarks.md). Here the plugin's connection stops checkpointing and
 * a thread with its own connection checkpoints every 500 ms. If the thread
 * cannot start or fails, the connection checkpoints itself again, as
 * before. Only for the plugin's own SQLite file; PostgreSQL and in-memory
 * databases get nothing.
 */
export async function startWalCheckpointer(client: Knex, logger: LoggerService): Promise<WalCheckpointer | undefined> {
  const filename = sqliteFileOf(client);
  if (!filename) return undefined;
  let driver: string;
  try {
    // The driver knex loads for this connection, wherever it is installed.
    driver = createRequire(require.resolve('knex')).resolve('better-sqlite3');
  } catch {
    return undefined;
  }
  const autocheckpoint = (pages: number) => client.raw(`PRAGMA wal_autocheckpoint = ${pages}`);
  const thread = new Worker(THREAD, { eval: true, workerData: { driver, filename, intervalMs: CHECKPOINT_INTERVAL_MS } });
  thread.unref();
  let stopped = false;
  const fallBack = (reason: string) => {
    if (stopped) return;
    stopped = true;
    logger.warn(`SQLite checkpoints are back on the event loop: ${reason}`);
    autocheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES).catch(() => undefined);
    thread.terminate().catch(() => undefined);
  };
  // The thread's first word: started, or why not (an error rejects).
  const first: { started?: boolean; failed?: string } = await once(thread, 'message').then(
    ([m]) => m,
    (e: Error) => ({ failed: e.message }),
  );
  if (!first.started) {
    fallBack(first.failed ?? 'the checkpoint thread did not start');
    return undefined;
  }
  thread.on('message', (m: { failed?: string }) => m.failed && fallBack(m.failed));
  thread.on('error', (e: Error) => fallBack(e.message));
  await autocheckpoint(0);
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await autocheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES).catch(() => undefined);
      thread.postMessage('stop');
      const exited = once(thread, 'exit').then(() => true);
      if (!(await Promise.race([exited, delay(STOP_GRACE_MS, false, { ref: false })]))) await thread.terminate();
    },
  };
}
