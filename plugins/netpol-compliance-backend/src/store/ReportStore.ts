import type { Knex } from 'knex';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { ClusterReport } from '@netpol/plugin-netpol-compliance-common';
import { openDatabase } from './database';

/** A cluster's stored state: its last good report and its last attempt. */
export interface StoredCluster {
  cluster: string;
  title?: string;
  report?: ClusterReport;
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
  /** The report as stored, as JSON. */
  json: string;
}

/** Per-day counts of one control, as the trend shows them. */
export interface HistoryRow {
  day: string;
  cluster: string;
  namespace: string;
  control: string;
  status: string;
}

/** SQLite caps bound variables per statement; stay well under it. */
const INSERT_CHUNK = 200;

/** Reports and history in the plugin's own database (SQLite or PostgreSQL). */
export class ReportStore {
  static async create(database: DatabaseService): Promise<ReportStore> {
    return new ReportStore(await openDatabase(database));
  }

  constructor(private readonly db: Knex) {}

  /**
   * Stores a successful scan: the report and that day's history, each only
   * if no scan that started later is stored already. The comparison is in
   * the write itself, so two replicas finishing at once cannot both win.
   */
  async saveReport(report: ClusterReport, durationMs: number): Promise<SaveOutcome> {
    const json = JSON.stringify(report);
    const day = report.scannedAt.slice(0, 10);
    const history: HistoryRow[] = [];
    for (const ns of report.namespaces) {
      for (const r of ns.results) {
        history.push({
          day,
          cluster: report.cluster.name,
          namespace: ns.namespace,
          control: r.control,
          status: r.status,
        });
      }
    }
    for (const r of report.results) {
      history.push({ day, cluster: report.cluster.name, namespace: '', control: r.control, status: r.status });
    }
    const cluster = report.cluster.name;
    const stored = await this.db.transaction(async tx => {
      await tx('netpol_clusters')
        .insert({
          cluster,
          title: report.cluster.title ?? null,
          report: json,
          scanned_at: report.scannedAt,
          duration_ms: durationMs,
          last_attempt_at: report.scannedAt,
          last_error: null,
        })
        .onConflict('cluster')
        .merge({
          title: tx.ref('excluded.title'),
          report: tx.ref('excluded.report'),
          scanned_at: tx.ref('excluded.scanned_at'),
          duration_ms: tx.ref('excluded.duration_ms'),
          ...this.laterAttemptWins(tx),
        })
        .where(q =>
          q.whereNull('netpol_clusters.scanned_at').orWhere('netpol_clusters.scanned_at', '<', report.scannedAt),
        );
      const row = await tx('netpol_clusters').where({ cluster }).first('scanned_at');
      await this.saveHistoryDay(tx, cluster, day, report.scannedAt, history);
      return row?.scanned_at === report.scannedAt;
    });
    return { stored, json };
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

  /** Every cluster with its report. */
  async listClusters(): Promise<StoredCluster[]> {
    const rows = await this.clusterRows().select('c.report');
    return rows.map(toStoredCluster);
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

  async getCluster(name: string): Promise<StoredCluster | undefined> {
    return (await this.getClusterSized(name))?.stored;
  }

  /** A cluster with its report, and the report's size as stored (JSON characters), for a bounded cache. */
  async getClusterSized(name: string): Promise<{ stored: StoredCluster; chars: number } | undefined> {
    const row = await this.clusterRows().select('c.report').where('c.cluster', name).first();
    return row ? { stored: toStoredCluster(row), chars: row.report?.length ?? 0 } : undefined;
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
    if (names.length) await this.db('netpol_clusters').whereIn('cluster', names).delete();
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
    report: row.report ? (JSON.parse(row.report) as ClusterReport) : undefined,
    scannedAt: row.scanned_at ?? undefined,
    durationMs: row.duration_ms ?? undefined,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error ?? undefined,
    authProvider: row.auth_provider ?? undefined,
    oidcTokenProvider: row.oidc_token_provider ?? undefined,
    removedAt: row.removed_at ?? undefined,
  };
}
