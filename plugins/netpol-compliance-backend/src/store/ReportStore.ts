import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { ClusterReport, NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { openDatabase } from './database';
import { deleteOlderRows, insertNamespaceRows, NAMESPACE_TABLE, readNamespaceReports, readSummaries } from './namespaceRows';
import { joinReport, parseSummary, ReportHead, ReportIndex, ReportParts, splitReport } from './reportParts';

/** `report_format` of a row whose `report` is the head and whose namespaces are rows. */
const SPLIT_FORMAT = 2;

/** A cluster's stored state: its last good report and its last attempt. */
export interface StoredCluster {
  cluster: string;
  title?: string;
  /**
   * The whole report: filled only by `ScanService.storedClusters()` (and
   * for user-token scans, never stored); costly at scale: prefer `index`.
   */
  report?: ClusterReport;
  /** The report's head and namespace summaries: what the pages read. */
  index?: ReportIndex;
  scannedAt?: string;
  durationMs?: number;
  lastAttemptAt: string;
  lastError?: string;
  /** The cluster's auth provider, as the kubernetes backend last listed it (any replica). */
  authProvider?: string;
  oidcTokenProvider?: string;
  /** When the cluster left the kubernetes backend's list; its report is no longer current. */
  removedAt?: string;
  /**
   * Set when the report is too old, or its cluster removed, to be shown as
   * current (see `scan/freshness.ts`): show it as `unknown` with this reason.
   */
  stale?: { reason: string; ageMs: number };
}

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
 * control and status (`history()`).
 */
export interface HistoryRow {
  day: string;
  cluster: string;
  namespace: string;
  control: string;
  status: string;
}

/** Namespace summaries parsed between two yields to the event loop. */
const YIELD_EVERY = 200;

/** SQLite caps bound variables per statement; stay well under it. */
const INSERT_CHUNK = 200;

/** Reports and history in the plugin's own database (SQLite or PostgreSQL). */
export class ReportStore {
  static async create(database: DatabaseService): Promise<ReportStore> {
    return new ReportStore(await openDatabase(database));
  }

  constructor(private readonly db: Knex) {}

  /** Stores a successful scan held whole (see `saveParts`). */
  async saveReport(report: ClusterReport, durationMs: number): Promise<SaveOutcome> {
    return this.saveParts(splitReport(report), durationMs);
  }

  /**
   * Stores a successful scan: the report's head, one row per namespace and
   * that day's history, each only if no scan that started later is stored
   * already. The comparison is in the write itself, so two replicas
   * finishing at once cannot both win.
   */
  async saveParts(parts: ReportParts, durationMs: number): Promise<SaveOutcome> {
    const { head } = parts;
    const headJson = JSON.stringify(head);
    const day = head.scannedAt.slice(0, 10);
    const cluster = head.cluster.name;
    const index: ReportIndex = { head, namespaces: [] };
    let chars = headJson.length;
    const history: HistoryRow[] = [];
    for (const [i, row] of parts.namespaces.entries()) {
      // A large report has thousands of namespaces: let requests in between.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      const summary = parseSummary(row.summary);
      chars += row.summary.length;
      index.namespaces.push(summary);
      for (const r of summary.results) {
        history.push({ day, cluster, namespace: row.namespace, control: r.control, status: r.status });
      }
    }
    for (const r of head.results) {
      history.push({ day, cluster, namespace: '', control: r.control, status: r.status });
    }
    // The rows first, in small commits, invisible until the head names this scan.
    await insertNamespaceRows(this.db, cluster, head.scannedAt, parts.namespaces);
    const stored = await this.db.transaction(async tx => {
      await tx('netpol_clusters')
        .insert({
          cluster,
          title: head.cluster.title ?? null,
          report: headJson,
          report_format: SPLIT_FORMAT,
          scanned_at: head.scannedAt,
          duration_ms: durationMs,
          last_attempt_at: head.scannedAt,
          last_error: null,
        })
        .onConflict('cluster')
        .merge({
          title: tx.ref('excluded.title'),
          report: tx.ref('excluded.report'),
          report_format: tx.ref('excluded.report_format'),
          scanned_at: tx.ref('excluded.scanned_at'),
          duration_ms: tx.ref('excluded.duration_ms'),
          ...this.laterAttemptWins(tx),
        })
        .where(q =>
          q.whereNull('netpol_clusters.scanned_at').orWhere('netpol_clusters.scanned_at', '<', head.scannedAt),
        );
      const row = await tx('netpol_clusters').where({ cluster }).first('scanned_at');
      await this.saveHistoryDay(tx, cluster, day, head.scannedAt, history);
      return { won: row?.scanned_at === head.scannedAt, current: row?.scanned_at as string };
    });
    // Whichever scan the head names now, rows of older ones (this one's too
    // when it lost) are no longer read.
    if (stored.current) await deleteOlderRows(this.db, cluster, stored.current);
    return { stored: stored.won, index, chars };
  }

  /**
   * Replaces the day's history rows whole (a namespace deleted since the
   * morning's scan must not linger in today's counts), unless a scan that
   * started later that day wrote them.
   */
  private async saveHistoryDay(
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
    for (let i = 0; i < history.length; i += INSERT_CHUNK) {
      await tx('netpol_history').insert(history.slice(i, i + INSERT_CHUNK));
      // SQLite answers at once: let requests in between the statements.
      await yieldToEventLoop();
    }
  }

  /**
   * The attempt fields follow the attempt that started last: a failure
   * recorded at 10:05 is not hidden by a 10:00 scan that ends after it.
   */
  private laterAttemptWins(db: Knex) {
    const newer = 'excluded.last_attempt_at >= netpol_clusters.last_attempt_at';
    return {
      last_attempt_at: db.raw(`CASE WHEN ${newer} THEN excluded.last_attempt_at ELSE netpol_clusters.last_attempt_at END`),
      last_error: db.raw(`CASE WHEN ${newer} THEN excluded.last_error ELSE netpol_clusters.last_error END`),
    };
  }

  /** Records a failed attempt; the last good report stays as it was. */
  async saveFailure(
    cluster: { name: string; title?: string },
    at: string,
    error: string,
  ): Promise<void> {
    await this.db('netpol_clusters')
      .insert({
        cluster: cluster.name,
        title: cluster.title ?? null,
        last_attempt_at: at,
        last_error: error,
      })
      .onConflict('cluster')
      .merge({ title: this.db.ref('excluded.title'), ...this.laterAttemptWins(this.db) });
  }

  /** Every cluster without its report: cheap, to see what changed. */
  async listClusterHeads(): Promise<StoredCluster[]> {
    return (await this.clusterRows()).map(toStoredCluster);
  }

  /** One cluster without its report. */
  async getClusterHead(name: string): Promise<StoredCluster | undefined> {
    const row = await this.clusterRows().where('c.cluster', name).first();
    return row ? toStoredCluster(row) : undefined;
  }

  /** One cluster with its whole report, assembled from its namespace rows. */
  async getCluster(name: string): Promise<StoredCluster | undefined> {
    const found = await this.getIndex(name);
    if (!found?.stored.index) return found?.stored;
    const { stored } = found;
    const namespaces = await readNamespaceReports(this.db, name, stored.scannedAt!);
    return { ...stored, report: joinReport(stored.index!.head, namespaces.map(n => n.report)) };
  }

  /**
   * A cluster with its report's index (head and namespace summaries), and
   * the index's size in characters, for a bounded cache. A report stored
   * whole by an earlier version is split into rows on this first read.
   */
  async getIndex(name: string): Promise<{ stored: StoredCluster; chars: number } | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.clusterRows().select('c.report', 'c.report_format').where('c.cluster', name).first();
      if (!row) return undefined;
      const stored = toStoredCluster(row);
      if (!row.report || !stored.scannedAt) return { stored, chars: 0 };
      if (row.report_format !== SPLIT_FORMAT) {
        await this.upgradeWholeReport(name, row.report, stored.durationMs ?? 0);
        continue;
      }
      const head = JSON.parse(row.report) as ReportHead;
      const { summaries, chars } = await readSummaries(this.db, name, stored.scannedAt);
      // Another replica's scan may have replaced the rows between the two
      // reads; their scanned_at then differs and none are returned: read again.
      const again = await this.getClusterHead(name);
      if (again?.scannedAt !== stored.scannedAt) continue;
      return { stored: { ...stored, index: { head, namespaces: summaries } }, chars: chars + row.report.length };
    }
    throw new Error(`The stored report of ${name} kept changing while it was read`);
  }

  /** Whole namespace reports of the report scanned at `scannedAt`, in the order asked. */
  async getNamespaces(cluster: string, scannedAt: string, names?: string[]) {
    return readNamespaceReports(this.db, cluster, scannedAt, names);
  }

  /** Splits a report stored whole (before namespace rows existed), unless a newer one replaced it. */
  private async upgradeWholeReport(cluster: string, json: string, durationMs: number) {
    const report = JSON.parse(json) as ClusterReport & { namespaces: NamespaceReport[] };
    const parts = splitReport(report);
    await insertNamespaceRows(this.db, cluster, report.scannedAt, parts.namespaces);
    await this.db('netpol_clusters')
      .where({ cluster, scanned_at: report.scannedAt })
      .whereNull('report_format')
      .update({ report: JSON.stringify(parts.head), report_format: SPLIT_FORMAT, duration_ms: durationMs });
  }

  /** The clusters' rows with what the cluster listing knows of each, without reports. */
  private clusterRows() {
    return this.db('netpol_clusters as c')
      .leftJoin('netpol_known_clusters as k', 'k.cluster', 'c.cluster')
      .select(
        'c.cluster', 'c.title', 'c.scanned_at', 'c.duration_ms', 'c.last_attempt_at', 'c.last_error',
        'k.auth_provider', 'k.oidc_token_provider', 'k.removed_at',
      )
      .orderBy('c.cluster');
  }

  /** Drops clusters' reports (their history stays until it ages out). */
  async deleteClusters(names: string[]): Promise<void> {
    if (!names.length) return;
    await this.db.transaction(async tx => {
      await tx(NAMESPACE_TABLE).whereIn('cluster', names).delete();
      await tx('netpol_clusters').whereIn('cluster', names).delete();
    });
  }

  /** Deletes history before `beforeDay` (YYYY-MM-DD); resolves to the rows deleted. */
  async pruneHistory(beforeDay: string): Promise<number> {
    const deleted = await this.db('netpol_history').where('day', '<', beforeDay).delete();
    await this.db('netpol_history_days').where('day', '<', beforeDay).delete();
    return deleted;
  }

  async history(options: { sinceDay: string; cluster?: string; namespace?: string; control?: string }) {
    const query = this.db('netpol_history')
      .select('day', 'control', 'status')
      .count({ count: '*' })
      .where('day', '>=', options.sinceDay)
      .groupBy('day', 'control', 'status')
      .orderBy('day');
    if (options.cluster) query.where('cluster', options.cluster);
    if (options.namespace) query.where('namespace', options.namespace);
    if (options.control) query.where('control', options.control);
    const rows = (await query) as Array<{ day: string; control: string; status: string; count: number | string }>;
    return rows.map(r => ({ ...r, count: Number(r.count) }));
  }
}

function toStoredCluster(row: any): StoredCluster {
  return {
    cluster: row.cluster,
    title: row.title ?? undefined,
    scannedAt: row.scanned_at ?? undefined,
    durationMs: row.duration_ms ?? undefined,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error ?? undefined,
    authProvider: row.auth_provider ?? undefined,
    oidcTokenProvider: row.oidc_token_provider ?? undefined,
    removedAt: row.removed_at ?? undefined,
  };
}
