import { Worker } from 'node:worker_threads';
import type { NamespaceRow } from '../../store/reportParts';
import type { WorkerReply } from './scanWorker';

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
export class ScanWorkerThread {
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
