import type { Knex } from 'knex';
import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';

export const migrationsDir = resolvePackagePath('@netpol/plugin-netpol-compliance-backend', 'migrations');

/** The plugin's database (SQLite or PostgreSQL), migrated to the latest schema. */
export async function openDatabase(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
