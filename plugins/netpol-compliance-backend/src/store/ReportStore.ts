import type { Knex } from 'knex';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { ClusterReport } from '@netpol/plugin-netpol-compliance-common';

/** A cluster's stored state: its last good report and its last attempt. */
export interface StoredCluster {
  cluster: string;
  title?: string;
  report?: ClusterReport;
  scannedAt?: string;
  durationMs?: number;
  lastAttemptAt: string;
  lastError?: string;
}

/** Per-day counts of one control, as the trend shows them. */
export interface HistoryRow {
  day: string;
  cluster: string;
  namespace: string;
  control: string;
  status: string;
}

const migrationsDir = resolvePackagePath(
  '@netpol/plugin-netpol-compliance-backend',
  'migrations',
);

/** SQLite caps bound variables per statement; stay well under it. */
const INSERT_CHUNK = 200;

/** Reports and history in the plugin's own database (SQLite or PostgreSQL). */
export class ReportStore {
  static async create(database: DatabaseService): Promise<ReportStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new ReportStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /** Stores a successful scan: the report and that day's history. */
  /** Stores a cluster's latest report; resolves to the JSON stored. */
  async saveReport(report: ClusterReport, durationMs: number): Promise<string> {
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
    await this.db.transaction(async tx => {
      await tx('netpol_clusters')
        .insert({
          cluster: report.cluster.name,
          title: report.cluster.title ?? null,
          report: json,
          scanned_at: report.scannedAt,
          duration_ms: durationMs,
          last_attempt_at: report.scannedAt,
          last_error: null,
        })
        .onConflict('cluster')
        .merge();
      // The day's rows are replaced whole: a namespace deleted since the
      // morning's scan must not linger in today's counts.
      await tx('netpol_history').where({ day, cluster: report.cluster.name }).delete();
      for (let i = 0; i < history.length; i += INSERT_CHUNK) {
        await tx('netpol_history').insert(history.slice(i, i + INSERT_CHUNK));
      }
    });
    return json;
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
      .merge(['last_attempt_at', 'last_error', 'title']);
  }

  async listClusters(): Promise<StoredCluster[]> {
    const rows = await this.db('netpol_clusters').select().orderBy('cluster');
    return rows.map(toStoredCluster);
  }

  /** Every cluster without its report: cheap, to see what changed. */
  async listClusterHeads(): Promise<StoredCluster[]> {
    const rows = await this.db('netpol_clusters')
      .select('cluster', 'title', 'scanned_at', 'duration_ms', 'last_attempt_at', 'last_error')
      .orderBy('cluster');
    return rows.map(toStoredCluster);
  }

  async getCluster(name: string): Promise<StoredCluster | undefined> {
    const row = await this.db('netpol_clusters').where({ cluster: name }).first();
    return row ? toStoredCluster(row) : undefined;
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
  };
}
