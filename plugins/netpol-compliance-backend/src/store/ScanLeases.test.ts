import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { openDatabase } from './database';
import { ScanLeases } from './ScanLeases';
import { storageTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = storageTestDatabases();

describe.each(databases.eachSupportedId())('ScanLeases on %s', (databaseId: TestDatabaseId) => {
  /** Two replicas on one database, with a clock the test moves. */
  async function twoReplicas() {
    const knex = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    const clock = { now: 1_000_000 };
    const now = () => clock.now;
    return { clock, a: new ScanLeases(knex, now), b: new ScanLeases(knex, now) };
  }

  it('gives a cluster’s lease to one replica at a time', async () => {
    const { a, b } = await twoReplicas();
    expect(await a.acquire('prod', 'replica-a', 60_000)).toBe(true);
    expect(await b.acquire('prod', 'replica-b', 60_000)).toBe(false);
    expect(await b.isHeld('prod')).toBe(true);
    // Another cluster is free.
    expect(await b.acquire('staging', 'replica-b', 60_000)).toBe(true);
  });

  it('lets exactly one of many racing replicas win', async () => {
    const { a } = await twoReplicas();
    const wins = await Promise.all(
      Array.from({ length: 8 }, (_, i) => a.acquire('prod', `replica-${i}`, 60_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('ends a dead replica’s lease when its time is up, and tells it so on renewal', async () => {
    const { clock, a, b } = await twoReplicas();
    await a.acquire('prod', 'replica-a', 60_000);
    clock.now += 30_000;
    expect(await a.renew('prod', 'replica-a', 60_000)).toBe(true);
    clock.now += 59_000;
    expect(await b.acquire('prod', 'replica-b', 60_000)).toBe(false);
    clock.now += 2_000; // replica-a stopped renewing: its lease ran out
    expect(await b.acquire('prod', 'replica-b', 60_000)).toBe(true);
    expect(await a.renew('prod', 'replica-a', 60_000)).toBe(false);
  });

  it('frees the cluster on release, only for its holder', async () => {
    const { a, b } = await twoReplicas();
    await a.acquire('prod', 'replica-a', 60_000);
    await b.release('prod', 'replica-b');
    expect(await a.isHeld('prod')).toBe(true);
    await a.release('prod', 'replica-a');
    expect(await a.isHeld('prod')).toBe(false);
    expect(await b.acquire('prod', 'replica-b', 60_000)).toBe(true);
  });
});
