import type { Knex } from 'knex';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { ClusterReport, NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { openDatabase } from './database';
import { deleteClusterRows, insertNamespaceRows, readNamespaceReports, readSummaries } from './namespaceRows';
import { joinReport, ReportHead, ReportIndex, ReportParts, splitReport } from './reportParts';
import { laterAttemptWins, ReportWriter, SaveOutcome, SPLIT_FORMAT } from './ReportWriter';

export type { HistoryRow, SaveOutcome } from './ReportWriter';
export { ReportWriter } from './ReportWriter';

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

/** Namespace rows handed to the writer at a time when a whole report is saved. */
const ROWS_PER_ADD = 100;

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
   * Starts writing a scan's report as the scan makes it (see `ReportWriter`):
   * rows go in as they come, invisible until `commit` writes the head.
   */
  beginReport(cluster: string, scannedAt: string): ReportWriter {
    return new ReportWriter(this.db, cluster, scannedAt);
  }

  /**
   * Stores a successful scan held whole: its head, one row per namespace and
   * that day's history, unless a scan that started later is stored already.
   */
  async saveParts(parts: ReportParts, durationMs: number): Promise<SaveOutcome> {
    const writer = this.beginReport(parts.head.cluster.name, parts.head.scannedAt);
    try {
      for (let i = 0; i < parts.namespaces.length; i += ROWS_PER_ADD) {
        await writer.add(parts.namespaces.slice(i, i + ROWS_PER_ADD));
      }
      return await writer.commit(parts.head, durationMs);
    } catch (e) {
      await writer.abandon().catch(() => undefined);
      throw e;
    }
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
      .merge({ title: this.db.ref('excluded.title'), ...laterAttemptWins(this.db) });
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
   * A cluster with its report's index (head and namespace summaries; their
   * label sets are read when first needed, see `ReportIndex.loadLabels`),
   * and the index's size in characters, for a bounded cache. A report stored
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
      const { summaries, chars, loadLabels } = await readSummaries(this.db, name, stored.scannedAt);
      // Another replica's scan may have replaced the rows between the two
      // reads; their scanned_at then differs and none are returned: read again.
      const again = await this.getClusterHead(name);
      if (again?.scannedAt !== stored.scannedAt) continue;
      return {
        stored: { ...stored, index: { head, namespaces: summaries, ...(loadLabels ? { loadLabels } : {}) } },
        chars: chars + row.report.length,
      };
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
      await deleteClusterRows(tx, names);
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
