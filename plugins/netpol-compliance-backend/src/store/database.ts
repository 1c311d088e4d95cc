import type { Knex } from 'knex';
import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';

export const migrationsDir = resolvePackagePath('@netpol/plugin-netpol-compliance-backend', 'migrations');

/** The plugin's database (SQLite or PostgreSQL), migrated to the latest schema. */
export async function openDatabase(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  await tuneSqlite(client);
  return client;
}

/** The knex client's driver, as configured: `better-sqlite3`, `pg`, ... */
export function driverOf(client: Knex): string {
  return String((client.client as { config?: { client?: unknown } }).config?.client ?? '');
}

/**
 * SQLite (better-sqlite3) runs every statement, and each commit's fsync, on
 * the backend's event loop: with the default rollback journal, each of a
 * scan's small commits waits for the disk (hundreds of milliseconds on a
 * busy one). A write-ahead log synced at checkpoints (`synchronous=NORMAL`)
 * keeps the file consistent and makes a commit a write to the log. Only the
 * plugin's own database file is affected; PostgreSQL is left as it is.
 */
async function tuneSqlite(client: Knex) {
  if (!/sqlite/.test(driverOf(client))) return;
  try {
    await client.raw('PRAGMA journal_mode = WAL');
    await client.raw('PRAGMA synchronous = NORMAL');
  } catch {
    // An in-memory database has no journal to change.
  }
}
