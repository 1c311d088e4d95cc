import type { Knex } from 'knex';
import type { ClusterMemory } from './regressions';

const TABLE = 'netpol_notifier_memory';

/**
 * What the regression notifier remembers per cluster, in the plugin's
 * database so that every replica (the notifier runs on one at a time)
 * shares it. The notifier's own table, created on first use: it is not
 * part of the report store's schema and can be dropped freely (the next
 * run is then a baseline, announcing nothing).
 */
export class NotifierMemoryStore {
  private ready?: Promise<void>;

  constructor(private readonly db: Knex) {}

  private ensureTable(): Promise<void> {
    this.ready ??= (async () => {
      if (await this.db.schema.hasTable(TABLE)) return;
      try {
        await this.db.schema.createTable(TABLE, table => {
          table.string('cluster', 255).primary();
          table.string('scanned_at', 64).notNullable();
          table.text('outcomes', 'longtext').notNullable();
        });
      } catch (e) {
        // Another replica created it first.
        if (!(await this.db.schema.hasTable(TABLE))) throw e;
      }
    })().catch(e => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }

  async all(): Promise<Map<string, ClusterMemory>> {
    await this.ensureTable();
    const rows: Array<{ cluster: string; scanned_at: string; outcomes: string }> = await this.db(TABLE).select();
    return new Map(rows.map(r => [r.cluster, { scannedAt: r.scanned_at, outcomes: JSON.parse(r.outcomes) }]));
  }

  async save(cluster: string, memory: ClusterMemory): Promise<void> {
    await this.ensureTable();
    await this.db(TABLE)
      .insert({ cluster, scanned_at: memory.scannedAt, outcomes: JSON.stringify(memory.outcomes) })
      .onConflict('cluster')
      .merge();
  }

  async forget(clusters: string[]): Promise<void> {
    if (clusters.length === 0) return;
    await this.ensureTable();
    await this.db(TABLE).whereIn('cluster', clusters).delete();
  }
}
