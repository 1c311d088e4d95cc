import type { Knex } from 'knex';

const TABLE = 'netpol_known_clusters';

/** Rows per upsert: six bound values each, well under SQLite's cap per statement. */
const ROWS_PER_UPSERT = 100;

/** The auth provider recorded for a cluster no listing named. */
const UNKNOWN_AUTH_PROVIDER = 'unknown';

/** A cluster as the kubernetes backend listed it, as every replica sees it. */
export interface KnownCluster {
  name: string;
  title?: string;
  authProvider: string;
  oidcTokenProvider?: string;
  /** When a listing last named it. */
  listedAt: string;
  /** When it was first missing from a listing; absent while it is listed. */
  removedAt?: string;
}

/**
 * The kubernetes backend's cluster list, kept in the database: what one
 * replica learns (a cluster's auth provider, that a cluster was removed) is
 * known to every replica, and survives restarts.
 */
export class KnownClusters {
  constructor(private readonly db: Knex) {}

  /**
   * Records a complete listing taken at `at`: the listed clusters are
   * current, every other one is marked removed from `at` (kept if already
   * marked, so the retention counts from the first listing without it).
   */
  async recordListing(
    clusters: Array<{ name: string; title?: string; authProvider: string; oidcTokenProvider?: string }>,
    at: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      // A few statements for the whole listing, not one per cluster: every
      // replica records its first listing at the same moment, and each
      // transaction holds its rows until it commits.
      for (let i = 0; i < clusters.length; i += ROWS_PER_UPSERT) {
        await tx(TABLE)
          .insert(
            clusters.slice(i, i + ROWS_PER_UPSERT).map(c => ({
              cluster: c.name,
              title: c.title ?? null,
              auth_provider: c.authProvider,
              oidc_token_provider: c.oidcTokenProvider ?? null,
              listed_at: at,
              removed_at: null,
            })),
          )
          .onConflict('cluster')
          .merge()
          // A listing older than the one stored changes nothing.
          .where(`${TABLE}.listed_at`, '<=', at);
      }
      await tx(TABLE)
        .whereNotIn('cluster', clusters.map(c => c.name))
        .whereNull('removed_at')
        .where('listed_at', '<', at)
        .update({ removed_at: at });
      // A report of a cluster no listing ever named here (stored before this
      // table existed, then dropped from the kubernetes config) is removed
      // too, or it would be shown as merely old forever and never pruned.
      const listed = clusters.map(c => c.name);
      const orphans: Array<{ cluster: string }> = await tx('netpol_clusters')
        .whereNotIn('cluster', listed)
        .whereNotIn('cluster', tx(TABLE).select('cluster'))
        .select('cluster');
      if (orphans.length) {
        await tx(TABLE)
          .insert(
            orphans.map(o => ({
              cluster: o.cluster,
              auth_provider: UNKNOWN_AUTH_PROVIDER,
              // Never listed: earlier than any listing time.
              listed_at: '',
              removed_at: at,
            })),
          )
          .onConflict('cluster')
          .ignore();
      }
    });
  }

  async list(): Promise<KnownCluster[]> {
    const rows = await this.db(TABLE).select().orderBy('cluster');
    return rows.map(row => ({
      name: row.cluster,
      title: row.title ?? undefined,
      authProvider: row.auth_provider,
      oidcTokenProvider: row.oidc_token_provider ?? undefined,
      listedAt: row.listed_at,
      removedAt: row.removed_at ?? undefined,
    }));
  }

  /** Names of clusters removed before `before` (ISO time). */
  async removedBefore(before: string): Promise<string[]> {
    const rows = await this.db(TABLE).where('removed_at', '<', before).select('cluster');
    return rows.map(r => r.cluster);
  }

  async delete(names: string[]): Promise<void> {
    if (names.length) await this.db(TABLE).whereIn('cluster', names).delete();
  }
}
