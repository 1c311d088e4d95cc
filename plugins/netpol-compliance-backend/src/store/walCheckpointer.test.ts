import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { startWalCheckpointer, WalCheckpointer } from './walCheckpointer';

jest.setTimeout(30_000);

const ROW = 'x'.repeat(20_000);

describe('startWalCheckpointer', () => {
  let dir: string;
  let db: Knex;
  let checkpointer: WalCheckpointer | undefined;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-wal-'));
    db = knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'plugin.sqlite') }, useNullAsDefault: true });
    await db.raw('PRAGMA journal_mode = WAL');
    await db.schema.createTable('rows', t => {
      t.integer('id').primary();
      t.text('body');
    });
  });

  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const autocheckpointPages = async () => (await db.raw('PRAGMA wal_autocheckpoint'))[0].wal_autocheckpoint;
  const fileBytes = () => fs.statSync(path.join(dir, 'plugin.sqlite')).size;
  async function write(rows: number) {
    for (let i = 0; i < rows; i += 25) {
      await db('rows').insert(Array.from({ length: 25 }, (_, j) => ({ id: i + j, body: ROW })));
    }
  }

  it('takes the checkpoints off the connection, and its thread copies the log into the file', async () => {
    checkpointer = await startWalCheckpointer(db, mockServices.logger.mock());
    expect(checkpointer).toBeDefined();
    expect(await autocheckpointPages()).toBe(0);
    await write(500); // 10 MB: past SQLite's own threshold (4 MiB) more than twice
    const deadline = Date.now() + 10_000;
    while (fileBytes() < 10_000_000 && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
    expect(fileBytes()).toBeGreaterThan(10_000_000);
    expect(await db('rows').count({ n: '*' })).toEqual([{ n: 500 }]);
  });

  it('gives the checkpoints back to the connection when stopped', async () => {
    checkpointer = await startWalCheckpointer(db, mockServices.logger.mock());
    await checkpointer!.stop();
    expect(await autocheckpointPages()).toBe(1000);
  });

  it('leaves the connection checkpointing when the thread cannot open the file', async () => {
    const logger = mockServices.logger.mock();
    // The connection's file as the thread would find it: gone.
    (db.client as any).config.connection.filename = path.join(dir, 'missing', 'plugin.sqlite');
    await db.raw('PRAGMA wal_autocheckpoint = 1000');
    checkpointer = await startWalCheckpointer(db, logger);
    expect(checkpointer).toBeUndefined();
    expect(await autocheckpointPages()).toBe(1000);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('SQLite checkpoints are back on the event loop'));
  });

  it('starts nothing for PostgreSQL, even with a connection that names the SQLite file', async () => {
    // A lookalike: only the driver tells it is not this plugin's SQLite file.
    const pg = knexFactory({ client: 'pg', connection: { filename: path.join(dir, 'plugin.sqlite') } as any });
    try {
      expect(await startWalCheckpointer(pg, mockServices.logger.mock())).toBeUndefined();
      // The SQLite connection still checkpoints as SQLite does by default.
      expect(await autocheckpointPages()).toBe(1000);
    } finally {
      await pg.destroy();
    }
  });

  it('starts nothing for an in-memory database', async () => {
    const memory = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    try {
      expect(await startWalCheckpointer(memory, mockServices.logger.mock())).toBeUndefined();
    } finally {
      await memory.destroy();
    }
  });
});
