import {
  CatalogComponent,
  ClusterSnapshotBuilder,
  evaluateClusterByNamespace,
  EvaluateOptions,
  MissingData,
  SnapshotRecord,
  toSnapshotRecords,
} from '@netpol/plugin-netpol-compliance-common';
import { gunzipSync } from 'node:zlib';
import type { PageProblem } from '../../kubernetes/KubernetesBackendClient';
import { NamespaceRow, ReportHead, ReportParts, toNamespaceRow } from '../../store/reportParts';
import { addCatalogAdditions, catalogAdditions } from './catalogConnections';

/**
 * How a session ends: the evaluation options, and the catalog's components
 * when the declared connections are checked (plain data: it crosses into
 * the worker as a message).
 */
export type FinishOptions = EvaluateOptions & { catalog?: CatalogComponent[] };

/** Namespace rows per batch (and per message from a worker). */
export const ROWS_PER_BATCH = 100;

/** What the scanner asks of a session; one implementation runs in a worker thread. */
export interface SnapshotSession {
  /**
   * Reads one list page (the API's JSON bytes, gzipped when `gzipped`) into
   * list `listId`'s records; resolves to the page's `continue` token, or to
   * the problem that makes it no Kubernetes list.
   */
  page(listId: number, kind: string, apiVersion: string, bytes: Uint8Array, gzipped?: boolean): Promise<PageOutcome>;
  /** The list succeeded: its records join the snapshot. */
  commit(listId: number): Promise<void>;
  /** The list restarts (410) or failed: its records so far are dropped. */
  discard(listId: number): Promise<void>;
  addMissing(missing: MissingData): Promise<void>;
  /**
   * Builds the snapshot, evaluates it, and returns the report as stored.
   * With `onRows`, the namespace rows go there as they are made, a batch at
   * a time, each taken (its promise resolved) before more are made, and the
   * result's `parts.namespaces` is empty.
   */
  finish(options: FinishOptions, onRows?: (rows: NamespaceRow[]) => Promise<void>): Promise<SessionResult>;
  /** Frees what the session holds (ends the worker); safe to call twice. */
  close(): Promise<void>;
}

export type PageOutcome = { continue?: string } | { problem: PageProblem };

export interface SessionResult {
  parts: ReportParts;
  skipped: Record<string, number>;
  namespaceCount: number;
}

export interface SessionStart {
  cluster: { name: string; title?: string };
  collectedAt: string;
}

/**
 * A scan's snapshot being built: pages in, report parts out. Pure (no I/O),
 * so the same code runs in the worker thread and inline in tests. Each
 * item becomes its small snapshot record as its page is read, so the raw
 * page is garbage at once.
 */
export class ScanSessionCore {
  private builder?: ClusterSnapshotBuilder;
  private readonly pending = new Map<number, SnapshotRecord[]>();
  private readonly decoder = new TextDecoder();

  constructor(private readonly start: SessionStart) {
    this.builder = new ClusterSnapshotBuilder({ cluster: start.cluster, collectedAt: start.collectedAt });
  }

  page(listId: number, kind: string, apiVersion: string, bytes: Uint8Array, gzipped = false): PageOutcome {
    let json: Uint8Array;
    try {
      json = gzipped ? gunzipSync(bytes) : bytes;
    } catch {
      return { problem: 'not-gzip' };
    }
    let body: { items?: unknown; metadata?: { continue?: string } };
    try {
      body = JSON.parse(this.decoder.decode(json));
    } catch {
      return { problem: 'not-json' };
    }
    if (!body || !Array.isArray(body.items)) return { problem: 'not-list' };
    let records = this.pending.get(listId);
    if (!records) this.pending.set(listId, (records = []));
    for (const item of body.items) {
      // The builder's interner: equal labels, owners and ports of all the
      // scan's records are one object each.
      for (const record of toSnapshotRecords(item, kind, apiVersion, this.builder!.intern)) records.push(record);
    }
    const token = body.metadata?.continue;
    return typeof token === 'string' && token ? { continue: token } : {};
  }

  commit(listId: number) {
    for (const record of this.pending.get(listId) ?? []) this.builder!.add(record);
    this.pending.delete(listId);
  }

  discard(listId: number) {
    this.pending.delete(listId);
  }

  addMissing(missing: MissingData) {
    this.builder!.addMissing(missing);
  }

  /** The namespace rows to `onRows` when given, else collected into the result. */
  async finish(options: FinishOptions, onRows?: (rows: NamespaceRow[]) => Promise<void>): Promise<SessionResult> {
    const namespaces: NamespaceRow[] = [];
    const { head, skipped, namespaceCount } = await this.finishInto(
      options,
      onRows ?? (async rows => void namespaces.push(...rows)),
    );
    return { parts: { head, namespaces }, skipped, namespaceCount };
  }

  /**
   * Builds and evaluates the snapshot, handing the namespace rows to `emit`
   * a hundred at a time, and making the next batch only once `emit`'s
   * promise resolves (the rows are stored, or sent on). Namespaces are
   * evaluated one at a time and each is let go once its JSON is made: the
   * whole report never exists, as objects or as JSON, only the snapshot,
   * its index and a batch or two.
   */
  async finishInto(
    { catalog, ...options }: FinishOptions,
    emit: (rows: NamespaceRow[]) => Promise<void>,
  ): Promise<{ head: ReportHead; skipped: Record<string, number>; namespaceCount: number }> {
    this.pending.clear();
    const built = this.builder!.build();
    this.builder = undefined;
    const evaluation = evaluateClusterByNamespace(built.snapshot, options);
    // The connections need the snapshot, which only lives here: checked now
    // and stored in the namespace rows, never kept whole.
    const additions = catalog?.length ? catalogAdditions(evaluation, built.snapshot, catalog) : undefined;
    let batch: NamespaceRow[] = [];
    let namespaceCount = 0;
    for (const ns of evaluation.namespaces()) {
      batch.push(toNamespaceRow(addCatalogAdditions(ns, additions?.get(ns.namespace))));
      namespaceCount++;
      if (batch.length === ROWS_PER_BATCH) {
        await emit(batch);
        batch = [];
      }
    }
    if (batch.length) await emit(batch);
    return { head: evaluation.head, skipped: built.skipped, namespaceCount };
  }

  get cluster() {
    return this.start.cluster;
  }
}

/** The session run on the caller's thread (tests, and where workers are off). */
export function inlineSession(start: SessionStart): SnapshotSession {
  const core = new ScanSessionCore(start);
  return {
    page: async (listId, kind, apiVersion, bytes, gzipped) => core.page(listId, kind, apiVersion, bytes, gzipped),
    commit: async listId => core.commit(listId),
    discard: async listId => core.discard(listId),
    addMissing: async missing => core.addMissing(missing),
    finish: (options, onRows) => core.finish(options, onRows),
    close: async () => undefined,
  };
}
