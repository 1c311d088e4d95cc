import type { Knex } from 'knex';

const TABLE = 'netpol_scan_leases';

/**
 * One scan per cluster at a time across replicas: a row per cluster being
 * scanned, held by one replica until it expires. The holder renews it while
 * its scan runs; a replica that dies stops renewing, and its lease ends on
 * its own after the time to live. Times are the replicas' clocks in epoch
 * milliseconds, so the time to live must dwarf any clock skew between them.
 */
export class ScanLeases {
  constructor(
    private readonly db: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the cluster's lease if it is free or expired; true when this holder has it. */
  async acquire(cluster: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    // One statement: of two replicas racing for a free lease, the database
    // lets exactly one insert or take over the row.
    await this.db(TABLE)
      .insert({ cluster, holder, expires_at: now + ttlMs })
      .onConflict('cluster')
      .merge(['holder', 'expires_at'])
      .where(`${TABLE}.expires_at`, '<', now);
    const row = await this.db(TABLE).where({ cluster }).first('holder');
    return row?.holder === holder;
  }

  /** Extends a held lease; false when this holder no longer has it (it expired and was taken). */
  async renew(cluster: string, holder: string, ttlMs: number): Promise<boolean> {
    const updated = await this.db(TABLE)
      .where({ cluster, holder })
      .update({ expires_at: this.now() + ttlMs });
    return updated > 0;
  }

  async release(cluster: string, holder: string): Promise<void> {
    await this.db(TABLE).where({ cluster, holder }).delete();
  }

  /** Whether some holder has an unexpired lease on the cluster. */
  async isHeld(cluster: string): Promise<boolean> {
    const row = await this.db(TABLE)
      .where({ cluster })
      .where('expires_at', '>=', this.now())
      .first('holder');
    return Boolean(row);
  }

  /** The clusters being scanned now, across replicas, with their holders. */
  async listHeld(): Promise<Array<{ cluster: string; holder: string }>> {
    return this.db(TABLE).where('expires_at', '>=', this.now()).orderBy('cluster').select('cluster', 'holder');
  }

  /** Deletes leases that ended long ago (their holders died); housekeeping only. */
  async deleteExpired(): Promise<number> {
    return this.db(TABLE).where('expires_at', '<', this.now()).delete();
  }
}
