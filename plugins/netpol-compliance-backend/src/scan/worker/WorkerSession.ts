import type { MissingData } from '@netpol/plugin-netpol-compliance-common';
import type { NamespaceRow } from '../../store/reportParts';
import type { FinishOptions, PageOutcome, SessionResult, SessionStart, SnapshotSession } from './ScanSession';
import { SCAN_WORKER_MODULE } from './scanWorker';
import { ScanWorkerThread } from './ScanWorkerThread';

export interface ScanWorkerPoolOptions {
  /** The worker module (tests point it elsewhere). */
  module?: string;
  /**
   * How long a worker waits for the next scan before it ends, its heap with
   * it. Scans of a fleet follow each other: a thread started once serves
   * them all, where starting one per scan cost more CPU than a small
   * cluster's whole evaluation. 0: one worker per scan.
   */
  idleMs?: number;
  /**
   * A worker whose heap is larger than this when its scan ends is ended
   * rather than kept: a large cluster's scan grows the heap by hundreds of
   * MiB, which V8 keeps (and its collection limits raised) for the next
   * scan, so the next one would start on top of the last one's high-water
   * mark; a thread started afresh costs well under a second.
   */
  retireAboveHeapBytes?: number;
  /** Each worker's heap limit in MiB (`netpolCompliance.scanWorkerHeapMb`). */
  maxHeapMb?: number;
}

/**
 * A worker's heap limit by default, in MiB. V8 lets a heap grow between
 * full collections by up to four times what survived the last one when
 * its limit is 2 GiB or more, and by less the lower the limit (Node 20's
 * V8, `MaxGrowingFactor`: about 1.6 times at 1 GiB). A scan's parsed pages
 * are garbage made fast, so this shows in the backend's peak: at L
 * (100,000 pods) 130 MiB less than at 2 GiB (docs/benchmarks.md), whose
 * live heap stays under 384 MiB. 1 GiB holds Kubernetes' own limit of a
 * cluster, 150,000 pods, with room; a larger one needs
 * `scanWorkerHeapMb` raised (2047 is the largest below the 4x growth).
 */
export const DEFAULT_WORKER_HEAP_MB = 1024;

/** By default a worker that held more than this much heap is not kept for the next scan. */
const RETIRE_ABOVE_HEAP_BYTES = 256 * 1024 ** 2;

/**
 * One scan session on a worker: its calls wait for the session to open,
 * and closing it hands the worker back to the pool.
 */
function sessionOn(
  worker: ScanWorkerThread,
  start: SessionStart,
  giveBack: (worker: ScanWorkerThread) => Promise<void>,
): SnapshotSession {
  let closed = false;
  const opened = worker.call({ op: 'open', start });
  const call = async <T>(
    request: Record<string, unknown>,
    transfer?: ArrayBuffer[],
    onRows?: (rows: NamespaceRow[]) => Promise<void>,
  ): Promise<T> => {
    if (closed) throw new Error('scan worker: session closed');
    await opened;
    return worker.call<T>(request, transfer, onRows);
  };
  return {
    page: (listId, kind, apiVersion, bytes, gzipped) =>
      call<PageOutcome>(
        { op: 'page', listId, kind, apiVersion, bytes, gzipped },
        // Moved, not copied, when the view covers its whole buffer.
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : undefined,
      ),
    commit: listId => call({ op: 'commit', listId }),
    discard: listId => call({ op: 'discard', listId }),
    addMissing: (missing: MissingData) => call({ op: 'missing', missing }),
    finish: async (finishOptions: FinishOptions, onRows?: (rows: NamespaceRow[]) => Promise<void>): Promise<SessionResult> => {
      type Reply = Omit<SessionResult, 'parts'> & { head: SessionResult['parts']['head']; rows?: NamespaceRow[] };
      const result = await call<Reply>({ op: 'finish', options: finishOptions }, undefined, onRows);
      return {
        parts: { head: result.head, namespaces: result.rows ?? [] },
        skipped: result.skipped,
        namespaceCount: result.namespaceCount,
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await opened.catch(() => undefined);
      await giveBack(worker);
    },
  };
}

/**
 * Scan sessions in worker threads: the pages are moved to the worker (their
 * buffers transferred, not copied), and parsing, the snapshot, evaluation
 * and the report's JSON all happen there, so the backend's event loop keeps
 * serving requests during a large scan. A worker whose session ended
 * cleanly serves the next one; one that failed, or whose session was
 * abandoned mid-request, is ended.
 */
export function createScanWorkerPool(options: ScanWorkerPoolOptions = {}) {
  const module = options.module ?? SCAN_WORKER_MODULE;
  const idleMs = options.idleMs ?? 30_000;
  const retireAbove = options.retireAboveHeapBytes ?? RETIRE_ABOVE_HEAP_BYTES;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_WORKER_HEAP_MB;
  const idle: Array<{ worker: ScanWorkerThread; timer: NodeJS.Timeout }> = [];

  const take = (): ScanWorkerThread => {
    for (let spare = idle.pop(); spare; spare = idle.pop()) {
      clearTimeout(spare.timer);
      // One that died while it waited is ended, not handed out.
      if (!spare.worker.idle) {
        spare.worker.terminate().catch(() => undefined);
        continue;
      }
      spare.worker.hold(true);
      return spare.worker;
    }
    return new ScanWorkerThread(module, maxHeapMb);
  };
  const retire = (entry: { worker: ScanWorkerThread }) => {
    const at = idle.indexOf(entry as (typeof idle)[number]);
    if (at >= 0) idle.splice(at, 1);
    entry.worker.terminate().catch(() => undefined);
  };
  const giveBack = async (worker: ScanWorkerThread) => {
    if (idleMs > 0 && worker.idle) {
      const ended = await worker.call<{ heapBytes: number }>({ op: 'end' }).then(r => r, () => undefined);
      if (ended && ended.heapBytes <= retireAbove && worker.idle) {
        worker.hold(false);
        const entry = { worker, timer: setTimeout(() => retire(entry), idleMs) };
        entry.timer.unref();
        idle.push(entry);
        return;
      }
    }
    await worker.terminate();
  };

  const session = (start: SessionStart): SnapshotSession => sessionOn(take(), start, giveBack);

  return {
    session,
    /** Ends the idle workers (the backend is stopping). */
    async close() {
      for (const entry of idle.splice(0)) {
        clearTimeout(entry.timer);
        await entry.worker.terminate();
      }
    },
    /** Workers waiting for the next scan. */
    get idleWorkers() {
      return idle.length;
    },
  };
}

/** One scan session in a worker thread of its own, ended with the session. */
export function startWorkerSession(start: SessionStart, module = SCAN_WORKER_MODULE): SnapshotSession {
  return createScanWorkerPool({ module, idleMs: 0 }).session(start);
}
