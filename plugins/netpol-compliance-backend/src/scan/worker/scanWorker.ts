import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ScanSessionCore, SessionStart } from './ScanSession';

/** This module's file: what a scan worker loads (the built .js, or the .ts under a transform). */
export const SCAN_WORKER_MODULE = __filename;


export type WorkerRequest =
  | { id: number; op: 'open'; start: SessionStart }
  | { id: number; op: 'end' }
  | { id: number; op: 'page'; listId: number; kind: string; apiVersion: string; bytes: Uint8Array }
  | { id: number; op: 'commit' | 'discard'; listId: number }
  | { id: number; op: 'missing'; missing: any }
  | { id: number; op: 'finish'; options: any };

export type WorkerReply =
  | { id: number; result?: unknown }
  | { id: number; rows: unknown[] }
  | { id: number; error: string };

/**
 * The worker thread's side: one session at a time, opened and ended by the
 * backend, so one thread serves scan after scan; requests are answered in
 * order. Evaluation and the report's JSON are made here, off the backend's
 * event loop; the report comes back as strings, a hundred namespaces at a time.
 */
function runScanWorker() {
  const port = parentPort!;
  let session: ScanSessionCore | undefined;
  const current = () => {
    if (!session) throw new Error('no scan session is open');
    return session;
  };
  port.on('message', (msg: WorkerRequest) => {
    try {
      switch (msg.op) {
        case 'open':
          session = new ScanSessionCore(msg.start);
          break;
        case 'end':
          // The session's records and snapshot become garbage here.
          session = undefined;
          break;
        case 'page':
          port.postMessage({ id: msg.id, result: current().page(msg.listId, msg.kind, msg.apiVersion, msg.bytes) });
          return;
        case 'commit':
          current().commit(msg.listId);
          break;
        case 'discard':
          current().discard(msg.listId);
          break;
        case 'missing':
          current().addMissing(msg.missing);
          break;
        case 'finish': {
          // Sent as they are made: no message is the size of the cluster,
          // and the worker lets each batch go once it is sent.
          const { head, skipped } = current().finishInto(msg.options, rows => port.postMessage({ id: msg.id, rows }));
          port.postMessage({ id: msg.id, result: { head, skipped } });
          return;
        }
        default:
          throw new Error(`unknown request ${(msg as any).op}`);
      }
      port.postMessage({ id: msg.id });
    } catch (e) {
      port.postMessage({ id: msg.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
  });
}

/**
 * Lowers this thread's CPU priority (Linux: a thread is a task with its own
 * nice value), so that on a busy machine the backend's event loop, which
 * answers every plugin's requests, gets the CPU before the background scan.
 * Elsewhere, or without permission, the scan runs at normal priority.
 */
function lowerPriority() {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid) setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux, or not allowed: normal priority.
  }
}

// Started by WorkerSession with `workerData.netpolScanWorker`; a module
// side effect so that a build which tree-shakes unused exports keeps it.
if (!isMainThread && workerData?.netpolScanWorker) {
  lowerPriority();
  runScanWorker();
}
