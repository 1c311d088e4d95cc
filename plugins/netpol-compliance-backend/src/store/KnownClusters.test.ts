import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { openDatabase } from './database';
import { KnownClusters } from './KnownClusters';
import { ReportStore } from './ReportStore';
import { storageTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = storageTestDatabases();

describe.each(databases.eachSupportedId())('KnownClusters on %s', (databaseId: TestDatabaseId) => {
  async function setup() {
    const knex = await openDatabase(mockServices.database({ knex: await databases.init(databaseId) }));
    return { known: new KnownClusters(knex), otherReplica: new KnownClusters(knex), store: new ReportStore(knex) };
  }

  it('shares what one replica learns of a cluster’s auth provider with the others', async () => {
    const { known, otherReplica, store } = await setup();
    await known.recordListing(
      [{ name: 'sso', authProvider: 'oidc', oidcTokenProvider: 'okta' }],
      '2026-11-21T10:00:00.000Z',
    );
    await store.saveFailure({ name: 'sso' }, '2026-11-21T10:00:00.000Z', 'needs the user token');
    expect(await otherReplica.list()).toEqual([
      { name: 'sso', authProvider: 'oidc', oidcTokenProvider: 'okta', listedAt: '2026-11-21T10:00:00.000Z' },
    ]);
    expect(await store.getCluster('sso')).toMatchObject({ authProvider: 'oidc', oidcTokenProvider: 'okta' });
  });

  it('marks a cluster missing from a listing removed, from the first listing without it', async () => {
    const { known, store } = await setup();
    await known.recordListing([{ name: 'a', authProvider: 'serviceAccount' }, { name: 'b', authProvider: 'aws' }], '2026-11-21T10:00:00.000Z');
    await store.saveFailure({ name: 'b' }, '2026-11-21T10:00:00.000Z', 'x');
    await known.recordListing([{ name: 'a', authProvider: 'serviceAccount' }], '2026-11-21T11:00:00.000Z');
    await known.recordListing([{ name: 'a', authProvider: 'serviceAccount' }], '2026-11-21T12:00:00.000Z');
    expect((await known.list()).find(c => c.name === 'b')?.removedAt).toBe('2026-11-21T11:00:00.000Z');
    expect((await store.getCluster('b'))?.removedAt).toBe('2026-11-21T11:00:00.000Z');
    expect(await known.removedBefore('2026-11-21T11:30:00.000Z')).toEqual(['b']);
    // Listed again: current again.
    await known.recordListing([{ name: 'a', authProvider: 'serviceAccount' }, { name: 'b', authProvider: 'aws' }], '2026-11-21T13:00:00.000Z');
    expect((await known.list()).find(c => c.name === 'b')?.removedAt).toBeUndefined();
  });

  it('marks removed a stored report of a cluster no listing ever named', async () => {
    // Stored before the listings were recorded, then dropped from the config.
    const { known, store } = await setup();
    await store.saveFailure({ name: 'gone' }, '2026-11-20T10:00:00.000Z', 'x');
    await known.recordListing([{ name: 'a', authProvider: 'serviceAccount' }], '2026-11-21T11:00:00.000Z');
    expect((await store.getCluster('gone'))?.removedAt).toBe('2026-11-21T11:00:00.000Z');
    expect(await known.removedBefore('2026-11-21T12:00:00.000Z')).toEqual(['gone']);
    // The next listing keeps the first time it was found missing.
    await known.recordListing([{ name: 'a', authProvider: 'serviceAccount' }], '2026-11-21T12:00:00.000Z');
    expect((await store.getCluster('gone'))?.removedAt).toBe('2026-11-21T11:00:00.000Z');
  });

  it('records a fleet of 250 clusters in one listing, and marks the ones a later listing lacks', async () => {
    const { known } = await setup();
    const fleet = Array.from({ length: 250 }, (_, i) => ({ name: `c${String(i).padStart(3, '0')}`, authProvider: 'aws' }));
    await known.recordListing(fleet, '2026-11-21T10:00:00.000Z');
    expect((await known.list()).map(c => c.name)).toEqual(fleet.map(c => c.name));
    await known.recordListing(fleet.slice(0, 240), '2026-11-21T11:00:00.000Z');
    expect(await known.removedBefore('2026-11-21T12:00:00.000Z')).toHaveLength(10);
  });

  it('lets a listing that arrives late change nothing', async () => {
    const { known } = await setup();
    await known.recordListing([{ name: 'a', authProvider: 'aws' }], '2026-11-21T12:00:00.000Z');
    await known.recordListing([{ name: 'a', authProvider: 'oidc' }, { name: 'b', authProvider: 'aws' }], '2026-11-21T11:00:00.000Z');
    const list = await known.list();
    expect(list.find(c => c.name === 'a')?.authProvider).toBe('aws');
  });
});
