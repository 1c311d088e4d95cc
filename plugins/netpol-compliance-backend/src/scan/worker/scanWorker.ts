import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
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
  | { id: number; op: 'finish'; options: any }
  | { id: number; op: 'ack'; stop: boolean };

export type WorkerReply =
  | { id: number; result?: unknown }
  | { id: number; rows: unknown[] }
  | { id: number; error: string };

/**
 * Row batches sent before the worker waits for the backend to take one:
 * two keep evaluation going while the backend stores the previous batch,
 * and bound what waits in the backend's message queue.
 */
const BATCHES_IN_FLIGHT = 2;

/** The worker's side of a stream of row batches: sends, and waits when the backend is behind. */
class RowFlow {
  private unacked = 0;
  private waiting?: { resolve(): void; reject(e: Error): void };
  private stopped = false;

  constructor(private readonly post: (rows: unknown[]) => void) {}

  async send(rows: unknown[]): Promise<void> {
    if (this.stopped) throw new Error('the backend stopped taking rows');
    this.post(rows);
    this.unacked++;
    if (this.unacked < BATCHES_IN_FLIGHT) return;
    await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  ack(stop: boolean) {
    this.unacked--;
    this.stopped ||= stop;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (stop) waiting?.reject(new Error('the backend stopped taking rows'));
    else waiting?.resolve();
  }
}

/**
 * The worker thread's side: one session at a time, opened and ended by the
 * backend, so one thread serves scan after scan; requests are answered in
 * order. Evaluation and the report's JSON are made here, off the backend's
 * event loop; the report comes back as strings, a hundred namespaces at a time.
 */
function runScanWorker() {
  const port = parentPort!;
  let session: ScanSessionCore | undefined;
  let flow: RowFlow | undefined;
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
          // The session's records and snapshot become garbage here; the
          // heap's size says whether this thread is worth keeping.
          session = undefined;
          port.postMessage({ id: msg.id, result: { heapBytes: getHeapStatistics().total_heap_size } });
          return;
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
          // Sent as they are made, and no faster than the backend stores
          // them: no message is the size of the cluster, the worker lets
          // each batch go once it is sent, and the backend never holds
          // more than a few batches.
          const rows = (flow = new RowFlow(batch => port.postMessage({ id: msg.id, rows: batch })));
          current()
            .finishInto(msg.options, batch => rows.send(batch))
            .then(
              result => port.postMessage({ id: msg.id, result }),
              e => port.postMessage({ id: msg.id, error: e instanceof Error ? e.stack ?? e.message : String(e) }),
            )
            .finally(() => {
              if (flow === rows) flow = undefined;
            });
          return;
        }
        case 'ack':
          flow?.ack(msg.stop);
          return;
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
