import { Worker } from 'node:worker_threads';
import type { MissingData } from '@netpol/plugin-netpol-compliance-common';
import type { NamespaceRow } from '../../store/reportParts';
import type { FinishOptions, PageOutcome, SessionResult, SessionStart, SnapshotSession } from './ScanSession';
import { SCAN_WORKER_MODULE, WorkerReply } from './scanWorker';

/**
 * Loads the worker module: the compiled .js of a built package as is, the
 * .ts sources (tests, `backstage-cli package start`, the benchmark) through
 * the Backstage CLI's node transform, as the bench and the CLI load them.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
require(workerData.module);
`;

function transformFor(module: string): string | undefined {
  if (!/\.tsx?$/.test(module)) return undefined;
  return require.resolve('@backstage/cli/config/nodeTransform.cjs');
}

interface Pending {
  resolve(value: any): void;
  reject(error: Error): void;
  /** Where streamed rows go; without it they are collected into `rows`. */
  onRows?: (rows: NamespaceRow[]) => Promise<void>;
  rows?: NamespaceRow[];
  /** The rows taken so far, in order; the reply waits for them. */
  taken: Promise<void>;
  sinkError?: Error;
}

/** One scan worker thread and its request/reply bookkeeping. */
class ScanWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure?: Error;
  private terminated = false;

  constructor(module: string, maxHeapMb: number) {
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { module, transform: transformFor(module), netpolScanWorker: true, maxHeapMb },
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    this.worker.on('message', (msg: WorkerReply) => this.receive(msg));
    this.worker.on('error', (e: Error & { code?: string }) =>
      this.failAll(
        new Error(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `the scan worker ran out of memory: its heap is limited to ${maxHeapMb} MiB ` +
                '(netpolCompliance.scanWorkerHeapMb); a cluster this large needs more'
            : `scan worker failed: ${e.message}`,
        ),
      ),
    );
    this.worker.on('exit', code => {
      if (!this.terminated) this.failAll(new Error(`scan worker exited (code ${code})`));
    });
  }

  /** Healthy and answering nothing: fit for the next session. */
  get idle(): boolean {
    return !this.failure && !this.terminated && this.pending.size === 0;
  }

  call<T>(
    request: Record<string, unknown>,
    transfer?: ArrayBuffer[],
    onRows?: (rows: NamespaceRow[]) => Promise<void>,
  ): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onRows, taken: Promise.resolve() });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** An idle worker does not keep the backend process alive. */
  hold(held: boolean) {
    if (held) this.worker.ref();
    else this.worker.unref();
  }

  async terminate() {
    this.terminated = true;
    this.failAll(new Error('scan worker: session closed'));
    await this.worker.terminate();
  }

  private receive(msg: WorkerReply) {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if ('rows' in msg) {
      const rows = msg.rows as NamespaceRow[];
      p.taken = p.taken.then(() => this.take(msg.id, p, rows));
      return;
    }
    // The last batches may still be being stored: the reply waits for them.
    p.taken.then(() => {
      this.pending.delete(msg.id);
      if (p.sinkError) p.reject(p.sinkError);
      else if ('error' in msg) p.reject(new Error(`scan worker: ${msg.error}`));
      else p.resolve(p.rows ? { ...(msg.result as object), rows: p.rows } : msg.result);
    });
  }

  /**
   * Hands one batch of rows on, then tells the worker it may make more; a
   * batch the sink refused stops the worker's evaluation (and the sink's
   * error is the call's).
   */
  private async take(id: number, p: Pending, rows: NamespaceRow[]) {
    if (!p.sinkError) {
      try {
        if (p.onRows) await p.onRows(rows);
        else (p.rows ??= []).push(...rows);
      } catch (e) {
        p.sinkError = e instanceof Error ? e : new Error(String(e));
      }
    }
    if (!this.terminated) this.worker.postMessage({ op: 'ack', id, stop: Boolean(p.sinkError) });
  }

  private failAll(error: Error) {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}

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
  const idle: Array<{ worker: ScanWorker; timer: NodeJS.Timeout }> = [];

  const take = (): ScanWorker => {
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
    return new ScanWorker(module, maxHeapMb);
  };
  const retire = (entry: { worker: ScanWorker }) => {
    const at = idle.indexOf(entry as (typeof idle)[number]);
    if (at >= 0) idle.splice(at, 1);
    entry.worker.terminate().catch(() => undefined);
  };
  const giveBack = async (worker: ScanWorker) => {
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

  const session = (start: SessionStart): SnapshotSession => {
    const worker = take();
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
  };

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
