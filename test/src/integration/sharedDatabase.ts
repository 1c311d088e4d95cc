import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomUUID } from 'crypto';

const POSTGRES_ENV = [17, 16, 15].map(v => `BACKSTAGE_TEST_DATABASE_POSTGRES${v}_CONNECTION_STRING`);

/**
 * `backend.database` for several backends sharing one database, as replicas
 * do: the PostgreSQL server CI starts (scripts/ensure-postgres.sh) when its
 * connection string is set, else SQLite files in a fresh folder. Each call
 * gets databases of its own (a unique prefix), so test files never share.
 */
export function sharedDatabase(): { config: object; kind: 'postgres' | 'sqlite'; cleanup(): void } {
  const connection = POSTGRES_ENV.map(name => process.env[name]).find(Boolean);
  if (connection) {
    const prefix = `netpol_replicas_${randomUUID().slice(0, 8)}_`;
    return { config: { client: 'pg', connection, prefix }, kind: 'postgres', cleanup() {} };
  }
  if (process.env.NETPOL_REQUIRE_POSTGRES) {
    // CI must prove the replicas on PostgreSQL, not quietly on SQLite.
    throw new Error(`NETPOL_REQUIRE_POSTGRES is set but none of ${POSTGRES_ENV.join(', ')} is`);
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-replicas-'));
  return {
    config: { client: 'better-sqlite3', connection: { directory } },
    kind: 'sqlite',
    cleanup: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}
