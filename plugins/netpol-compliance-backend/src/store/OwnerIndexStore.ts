import type { Knex } from 'knex';

/** An owner index as stored: built for the reports `signature` names, at `at` (epoch ms). */
export interface StoredOwnerIndex {
  signature: string;
  at: number;
  /** namespace key -> entities and owners. */
  entries: Array<[string, { entities: string[]; owners: string[] }]>;
}

const ID = 'latest';

/** The last namespace owner index, kept across restarts (see migration 20261203000000). */
export class OwnerIndexStore {
  constructor(private readonly db: Knex) {}

  async load(): Promise<StoredOwnerIndex | undefined> {
    const row = await this.db('netpol_owner_index').where({ id: ID }).first();
    if (!row) return undefined;
    return { signature: row.signature, at: Number(row.built_at), entries: JSON.parse(row.owners) };
  }

  /** Keeps the newer of the stored index and this one (replicas build their own). */
  async save(index: StoredOwnerIndex): Promise<void> {
    await this.db('netpol_owner_index')
      .insert({ id: ID, signature: index.signature, built_at: index.at, owners: JSON.stringify(index.entries) })
      .onConflict('id')
      .merge()
      .where('netpol_owner_index.built_at', '<', index.at);
  }
}
