import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * SQLite always; PostgreSQL wherever a server is configured (CI starts a
 * real one and sets BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING).
 */
export function storageTestDatabases() {
  return TestDatabases.create({
    ids: ['POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });
}
