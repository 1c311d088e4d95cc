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
  rows?: NamespaceRow[];
}

/**
 * A scan session in its own worker thread: the pages are moved to it (their
 * buffers transferred, not copied), and parsing, the snapshot, evaluation
 * and the report's JSON all happen there, so the backend's event loop keeps
 * serving requests during a large scan. The worker ends with the session,
 * and its whole heap with it.
 */
export function startWorkerSession(start: SessionStart, module = SCAN_WORKER_MODULE): SnapshotSession {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { module, transform: transformFor(module), netpolScanWorker: start },
  });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  let closed = false;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (msg: WorkerReply) => {
    const p = pending.get(msg.id);
    if (!p) return;
    if ('rows' in msg) {
      (p.rows ??= []).push(...(msg.rows as NamespaceRow[]));
      return;
    }
    pending.delete(msg.id);
    if ('error' in msg) p.reject(new Error(`scan worker: ${msg.error}`));
    else p.resolve(p.rows ? { ...(msg.result as object), rows: p.rows } : msg.result);
  });
  worker.on('error', (e: Error) => failAll(new Error(`scan worker failed: ${e.message}`)));
  worker.on('exit', code => {
    if (!closed) failAll(new Error(`scan worker exited (code ${code})`));
  });

  const call = <T>(request: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<T> => {
    if (failure) return Promise.reject(failure);
    if (closed) return Promise.reject(new Error('scan worker: session closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  };

  return {
    page: (listId, kind, apiVersion, bytes) =>
      call<PageOutcome>(
        { op: 'page', listId, kind, apiVersion, bytes },
        // Moved, not copied, when the view covers its whole buffer.
        bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : undefined,
      ),
    commit: listId => call({ op: 'commit', listId }),
    discard: listId => call({ op: 'discard', listId }),
    addMissing: (missing: MissingData) => call({ op: 'missing', missing }),
    finish: async (options: FinishOptions): Promise<SessionResult> => {
      const result = await call<{ head: SessionResult['parts']['head']; skipped: Record<string, number>; rows?: NamespaceRow[] }>(
        { op: 'finish', options },
      );
      return { parts: { head: result.head, namespaces: result.rows ?? [] }, skipped: result.skipped };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      failAll(new Error('scan worker: session closed'));
      await worker.terminate();
    },
  };
}
