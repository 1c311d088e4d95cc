import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import { deleteOlderRows, deleteScanRows, insertNamespaceRows } from './namespaceRows';
import { NamespaceRow, parseSummary, ReportHead, ReportIndex } from './reportParts';

/** `report_format` of a row whose `report` is the head and whose namespaces are rows. */
export const SPLIT_FORMAT = 2;

/** SQLite caps bound variables per statement; stay well under it. */
const HISTORY_CHUNK = 200;

/** What a save did: a scan that started before the stored one changes nothing. */
export interface SaveOutcome {
  /** False when a report that started later was already stored. */
  stored: boolean;
  /** The stored report's index, and its size in characters (for the cache). */
  index: ReportIndex;
  chars: number;
}

/**
 * One stored history row: a control's status in one namespace (`''` for a
 * cluster-scoped control) on one day. The trend counts these rows per day,
 * control and status (`ReportStore.history()`).
 */
export interface HistoryRow {
  day: string;
  cluster: string;
  namespace: string;
  control: string;
  status: string;
}

/**
 * The attempt fields follow the attempt that started last: a failure
 * recorded at 10:05 is not hidden by a 10:00 scan that ends after it.
 */
export function laterAttemptWins(db: Knex) {
  const newer = 'excluded.last_attempt_at >= netpol_clusters.last_attempt_at';
  return {
    last_attempt_at: db.raw(`CASE WHEN ${newer} THEN excluded.last_attempt_at ELSE netpol_clusters.last_attempt_at END`),
    last_error: db.raw(`CASE WHEN ${newer} THEN excluded.last_error ELSE netpol_clusters.last_error END`),
  };
}

/**
 * A scan's report being written while the scan still makes it: namespace
 * rows are stored as they arrive (so no thread holds the whole report), keyed
 * by the scan and invisible to readers, who follow the cluster's head; the
 * head, written last in one small transaction, makes them the report at
 * once. Until then readers see the previous report whole; a scan that fails
 * is `abandon`ed and its rows deleted. Calls to `add` are written in order,
 * one batch at a time.
 */
export class ReportWriter {
  private readonly index: ReportIndex['namespaces'] = [];
  private readonly history: HistoryRow[] = [];
  private chars = 0;
  private state: 'open' | 'committed' | 'abandoned' = 'open';
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Knex,
    readonly cluster: string,
    readonly scannedAt: string,
  ) {}

  /** Stores a batch of namespace rows (not yet visible); resolves once written. */
  add(rows: NamespaceRow[]): Promise<void> {
    const write = this.chain.then(async () => {
      if (this.state !== 'open') throw new Error(`The report of ${this.cluster} at ${this.scannedAt} was ${this.state}`);
      const day = this.scannedAt.slice(0, 10);
      for (const row of rows) {
        const summary = parseSummary(row.summary);
        this.chars += row.summary.length;
        this.index.push(summary);
        for (const r of summary.results) {
          this.history.push({ day, cluster: this.cluster, namespace: row.namespace, control: r.control, status: r.status });
        }
      }
      await insertNamespaceRows(this.db, this.cluster, this.scannedAt, rows);
    });
    // A failed batch fails its caller; the next waits for it either way.
    this.chain = write.catch(() => undefined);
    return write;
  }

  /**
   * Writes the head, making the rows the cluster's report, unless a scan
   * that started later is stored already (the comparison is in the write
   * itself, so two replicas finishing at once cannot both win).
   */
  async commit(head: ReportHead, durationMs: number): Promise<SaveOutcome> {
    await this.chain;
    if (this.state !== 'open') throw new Error(`The report of ${this.cluster} at ${this.scannedAt} was ${this.state}`);
    if (head.scannedAt !== this.scannedAt || head.cluster.name !== this.cluster) {
      throw new Error(`A head of ${head.cluster.name} at ${head.scannedAt} cannot commit the rows of ${this.cluster} at ${this.scannedAt}`);
    }
    const headJson = JSON.stringify(head);
    const day = this.scannedAt.slice(0, 10);
    const history = [
      ...this.history,
      ...head.results.map(r => ({ day, cluster: this.cluster, namespace: '', control: r.control, status: r.status })),
    ];
    const stored = await this.db.transaction(async tx => {
      await this.upsertHead(tx, head, headJson, durationMs);
      const row = await tx('netpol_clusters').where({ cluster: this.cluster }).first('scanned_at');
      await saveHistoryDay(tx, this.cluster, day, this.scannedAt, history);
      return { won: row?.scanned_at === this.scannedAt, current: row?.scanned_at as string };
    });
    this.state = 'committed';
    // Whichever scan the head names now, rows of older ones (this one's too
    // when it lost) are no longer read.
    if (stored.current) await deleteOlderRows(this.db, this.cluster, stored.current);
    return { stored: stored.won, index: { head, namespaces: this.index }, chars: this.chars + headJson.length };
  }

  /**
   * The scan failed or stopped: its rows are deleted (after any batch being
   * written) and later batches refused. The previous report stays as it was.
   */
  async abandon(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'abandoned';
    await this.chain;
    await deleteScanRows(this.db, this.cluster, this.scannedAt);
  }

  private async upsertHead(tx: Knex.Transaction, head: ReportHead, headJson: string, durationMs: number) {
    await tx('netpol_clusters')
      .insert({
        cluster: this.cluster,
        title: head.cluster.title ?? null,
        report: headJson,
        report_format: SPLIT_FORMAT,
        scanned_at: this.scannedAt,
        duration_ms: durationMs,
        last_attempt_at: this.scannedAt,
        last_error: null,
      })
      .onConflict('cluster')
      .merge({
        title: tx.ref('excluded.title'),
        report: tx.ref('excluded.report'),
        report_format: tx.ref('excluded.report_format'),
        scanned_at: tx.ref('excluded.scanned_at'),
        duration_ms: tx.ref('excluded.duration_ms'),
        ...laterAttemptWins(tx),
      })
      .where(q =>
        q.whereNull('netpol_clusters.scanned_at').orWhere('netpol_clusters.scanned_at', '<', this.scannedAt),
      );
  }
}

/**
 * Replaces the day's history rows whole (a namespace deleted since the
 * morning's scan must not linger in today's counts), unless a scan that
 * started later that day wrote them.
 */
async function saveHistoryDay(
  tx: Knex.Transaction,
  cluster: string,
  day: string,
  scannedAt: string,
  history: HistoryRow[],
) {
  await tx('netpol_history_days')
    .insert({ day, cluster, scanned_at: scannedAt })
    .onConflict(['day', 'cluster'])
    .merge(['scanned_at'])
    .where('netpol_history_days.scanned_at', '<', scannedAt);
  const written = await tx('netpol_history_days').where({ day, cluster }).first('scanned_at');
  if (written?.scanned_at !== scannedAt) return;
  await tx('netpol_history').where({ day, cluster }).delete();
  for (let i = 0; i < history.length; i += HISTORY_CHUNK) {
    await tx('netpol_history').insert(history.slice(i, i + HISTORY_CHUNK));
    // SQLite answers at once: let requests in between the statements.
    await yieldToEventLoop();
  }
}
