// First: the thread's priority is lowered before the engine's modules load.
import './lowerPriority';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ScanSessionCore, SessionStart } from './ScanSession';

/** This module's file: what a scan worker loads (the built .js, or the .ts under a transform). */
export const SCAN_WORKER_MODULE = __filename;


export type WorkerRequest =
  | { id: number; op: 'open'; start: SessionStart }
  | { id: number; op: 'end' }
  | { id: number; op: 'page'; listId: number; kind: string; apiVersion: string; bytes: Uint8Array; gzipped?: boolean }
  | { id: number; op: 'commit' | 'discard'; listId: number }
  | { id: number; op: 'missing'; missing: any }
  | { id: number; op: 'finish'; options: any }
  | { id: number; op: 'ack'; stop: boolean };

export type WorkerReply =
  | { id: number; result?: unknown }
  | { id: number; rows: unknown[] }
  | { id: number; error: string };

/**
 * The share of its heap limit a scan worker never plans to pass. Reaching
 * the limit is worse than a failed scan: V8 ends the worker only if the
 * allocation under way can finish in a little more room, and otherwise it
 * ends the whole backend process (a page's JSON.parse is one call that
 * cannot be stopped half way). So the worker ends its scan itself first.
 */
const HEAP_PLAN_SHARE = 0.95;

/** A page parsed takes about this many times its JSON text's bytes (objects, strings, maps). */
const PARSED_BYTES_PER_BYTE = 8;

const MiB = 1024 * 1024;

/**
 * Ends the scan, saying what to change, unless `needBytes` more still fit
 * well under the limit. The limit is the old generation's
 * (`resourceLimits.maxOldGenerationSizeMb`, in `workerData`): V8's own
 * `heap_size_limit` adds the young generation, and the old one runs out
 * first. What is in use includes garbage not yet collected, so close to
 * the limit this can end a scan V8 would still have had room for.
 */
function checkHeap(needBytes = 0) {
  const limit = (workerData?.maxHeapMb ?? Infinity) * MiB;
  const used = getHeapStatistics().used_heap_size;
  if (used + needBytes <= HEAP_PLAN_SHARE * limit) return;
  throw new Error(
    `the scan needs more memory than its worker may use (${Math.round(used / MiB)} of ${Math.round(limit / MiB)} MiB ` +
      'in use); raise netpolCompliance.scanWorkerHeapMb for a cluster this large',
  );
}

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
    checkHeap();
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
          // Gzipped JSON inflates about tenfold.
          checkHeap(msg.bytes.byteLength * PARSED_BYTES_PER_BYTE * (msg.gzipped ? 10 : 1));
          port.postMessage({
            id: msg.id,
            result: current().page(msg.listId, msg.kind, msg.apiVersion, msg.bytes, msg.gzipped),
          });
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

// Started by WorkerSession with `workerData.netpolScanWorker`; a module
// side effect so that a build which tree-shakes unused exports keeps it.
if (!isMainThread && workerData?.netpolScanWorker) runScanWorker();
