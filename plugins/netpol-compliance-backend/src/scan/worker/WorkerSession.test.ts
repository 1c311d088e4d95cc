import { gzipSync } from 'node:zlib';
import { inlineSession, SnapshotSession } from './ScanSession';
import { createScanWorkerPool, startWorkerSession } from './WorkerSession';

jest.setTimeout(60_000);

const start = { cluster: { name: 'prod', title: 'Prod' }, collectedAt: '2026-12-01T00:00:00.000Z' };
const bytes = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));

const namespaces = {
  kind: 'NamespaceList',
  items: [
    { metadata: { name: 'shop', labels: { team: 'shop' } } },
    { metadata: { name: 'web' } },
  ],
  metadata: { continue: 'next' },
};
const pods = {
  kind: 'PodList',
  items: [
    { metadata: { name: 'api-1', namespace: 'shop', labels: { app: 'api' } }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running', podIP: '10.0.0.1' } },
    { metadata: { name: 'www-1', namespace: 'web', labels: { app: 'www' } }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running', podIP: '10.0.0.2' } },
  ],
  metadata: {},
};
const denyAll = {
  kind: 'NetworkPolicyList',
  items: [
    { metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
  ],
  metadata: {},
};

/** The same pages through a session: what a scan does, with one list restarted half way. */
async function drive(session: SnapshotSession) {
  const outcomes = [];
  outcomes.push(await session.page(0, 'Namespace', 'v1', bytes(namespaces)));
  await session.commit(0);
  // A list that is restarted (410) contributes only its second reading.
  outcomes.push(await session.page(1, 'Pod', 'v1', bytes({ ...pods, items: [pods.items[0]] })));
  await session.discard(1);
  outcomes.push(await session.page(1, 'Pod', 'v1', bytes(pods)));
  await session.commit(1);
  outcomes.push(await session.page(2, 'NetworkPolicy', 'networking.k8s.io/v1', bytes(denyAll)));
  await session.commit(2);
  // A list that failed leaves nothing behind.
  await session.page(3, 'NetworkPolicy', 'networking.k8s.io/v1', bytes({ ...denyAll, items: [{ ...denyAll.items[0], metadata: { name: 'x', namespace: 'web' } }] }));
  await session.discard(3);
  await session.addMissing({ resource: 'otherpolicies', reason: 'discovery failed' });
  const result = await session.finish({ exemptNamespaces: [] });
  return { outcomes, result };
}

describe('scan sessions', () => {
  it('the worker thread makes the same report parts as the inline session, from transferred pages', async () => {
    const inline = await drive(inlineSession(start));
    const session = startWorkerSession(start);
    try {
      const inWorker = await drive(session);
      expect(inWorker).toEqual(inline);
    } finally {
      await session.close();
    }
    expect(inline.outcomes[0]).toEqual({ continue: 'next' });
    const rows = inline.result.parts.namespaces;
    expect(rows.map(r => r.namespace)).toEqual(['shop', 'web']);
    // The restarted list counted each pod once; the failed list added no policy to web.
    const web = JSON.parse(rows[1].report);
    expect(web.policies).toEqual([]);
    expect(web.workloads).toHaveLength(1);
    expect(JSON.parse(rows[0].report).workloads[0].pods).toBe(1);
    expect(JSON.parse(rows[0].summary).workloadLabels).toEqual([{ app: 'api' }]);
    expect(inline.result.parts.head.errors).toEqual([{ resource: 'otherpolicies', reason: 'discovery failed' }]);
  });

  it('moves a page to the worker rather than copying it', async () => {
    const session = startWorkerSession(start);
    try {
      const page = bytes(namespaces);
      await session.page(0, 'Namespace', 'v1', page);
      // A transferred buffer is detached on this side.
      expect(page.byteLength).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('inflates gzipped pages in the worker, to the same report as plain ones', async () => {
    const plainSession = startWorkerSession(start);
    const plain = await drive(plainSession);
    await plainSession.close();
    const zipped = startWorkerSession(start);
    const gzipping: SnapshotSession = {
      ...zipped,
      page: (listId, kind, apiVersion, page) => zipped.page(listId, kind, apiVersion, new Uint8Array(gzipSync(page)), true),
    };
    try {
      expect(await drive(gzipping)).toEqual(plain);
    } finally {
      await zipped.close();
    }
  });

  it('says when a page is not a Kubernetes list, not JSON, or not the gzip it says it is', async () => {
    const session = startWorkerSession(start);
    try {
      expect(await session.page(0, 'Pod', 'v1', bytes({ kind: 'Status' }))).toEqual({ problem: 'not-list' });
      expect(await session.page(0, 'Pod', 'v1', new TextEncoder().encode('<html>'))).toEqual({ problem: 'not-json' });
      expect(await session.page(0, 'Pod', 'v1', bytes(pods), true)).toEqual({ problem: 'not-gzip' });
      expect(await session.page(0, 'Pod', 'v1', new Uint8Array(gzipSync('<html>')), true)).toEqual({ problem: 'not-json' });
    } finally {
      await session.close();
    }
  });

  it('rejects, never hangs, when the worker cannot start', async () => {
    const session = startWorkerSession(start, '/nowhere/scanWorker.js');
    await expect(session.page(0, 'Pod', 'v1', bytes(pods))).rejects.toThrow(/scan worker/);
    await expect(session.finish({})).rejects.toThrow(/scan worker/);
    await session.close();
  });

  it('ends a scan that outgrows its worker’s heap limit before V8 must, saying what to change', async () => {
    const pool = createScanWorkerPool({ idleMs: 0, maxHeapMb: 64 });
    const session = pool.session(start);
    // Pages of 2,000 pods, each a few MiB parsed, their records kept: the
    // heap grows page by page until the scan is ended, never in one step
    // past the limit (that would end the process, and this test with it).
    const page = (n: number) =>
      bytes({
        ...pods,
        items: Array.from({ length: 2000 }, (_, i) => ({
          ...pods.items[0],
          metadata: { name: `p-${n}-${i}`, namespace: `ns-${n}`, labels: { app: `a-${n}-${i}`, pod: `${n}-${i}` } },
        })),
      });
    const outcome = (async () => {
      for (let n = 0; n < 1000; n++) await session.page(0, 'Pod', 'v1', page(n));
    })();
    await expect(outcome).rejects.toThrow(/more memory than its worker may use.*scanWorkerHeapMb/);
    await session.close();
  });

  it('refuses work once closed', async () => {
    const session = startWorkerSession(start);
    await session.close();
    await expect(session.commit(0)).rejects.toThrow(/closed/);
  });
});

describe('rows streamed from the worker', () => {
  const many = {
    kind: 'NamespaceList',
    items: Array.from({ length: 450 }, (_, i) => ({ metadata: { name: `ns-${String(i).padStart(3, '0')}` } })),
    metadata: {},
  };

  async function open(session: SnapshotSession) {
    await session.page(0, 'Namespace', 'v1', bytes(many));
    await session.commit(0);
    return session;
  }

  it('hands the rows over a batch at a time, no faster than they are taken, and the same rows as collected', async () => {
    const collected = await (await open(inlineSession(start))).finish({});
    const session = await open(startWorkerSession(start));
    const batches: string[][] = [];
    let taking = 0;
    let mostAtOnce = 0;
    try {
      const result = await session.finish({}, async rows => {
        taking++;
        mostAtOnce = Math.max(mostAtOnce, taking);
        // A slow store: the worker must wait rather than pile batches up here.
        await new Promise(resolve => setTimeout(resolve, 30));
        batches.push(rows.map(r => r.report));
        taking--;
      });
      expect(result.parts.namespaces).toEqual([]);
      expect(result.namespaceCount).toBe(450);
      expect(result.parts.head).toEqual(collected.parts.head);
    } finally {
      await session.close();
    }
    expect(mostAtOnce).toBe(1);
    expect(batches.map(b => b.length)).toEqual([100, 100, 100, 100, 50]);
    expect(batches.flat()).toEqual(collected.parts.namespaces.map(r => r.report));
  });

  it('stops the evaluation when the rows cannot be stored, with the store’s error, and the worker is not reused', async () => {
    const pool = createScanWorkerPool({ idleMs: 60_000 });
    try {
      const session = await open(pool.session(start));
      let taken = 0;
      const failed = session.finish({}, async () => {
        if (++taken === 2) throw new Error('database is gone');
      });
      await expect(failed).rejects.toThrow('database is gone');
      // It stopped: not every batch was made and offered.
      expect(taken).toBeLessThan(5);
      await session.close();
      // A session that ended in a failure hands its thread back only if it is idle and healthy.
      const next = await open(pool.session(start));
      expect((await next.finish({})).namespaceCount).toBe(450);
      await next.close();
    } finally {
      await pool.close();
    }
  });
});

describe('scan worker pool', () => {
  it('serves scan after scan from one thread, each session starting empty', async () => {
    const pool = createScanWorkerPool({ idleMs: 60_000 });
    try {
      const inline = await drive(inlineSession(start));
      const first = pool.session(start);
      await drive(first);
      await first.close();
      expect(pool.idleWorkers).toBe(1);
      // The same thread again: nothing of the first scan is left in it.
      const second = pool.session(start);
      expect(pool.idleWorkers).toBe(0);
      const again = await drive(second);
      await second.close();
      expect(again).toEqual(inline);
      expect(pool.idleWorkers).toBe(1);
    } finally {
      await pool.close();
    }
    expect(pool.idleWorkers).toBe(0);
  });

  it('ends a worker whose session was left mid-request, instead of reusing it', async () => {
    const pool = createScanWorkerPool({ idleMs: 60_000 });
    try {
      const session = pool.session(start);
      await session.page(0, 'Namespace', 'v1', bytes(namespaces));
      const unfinished = session.finish({}).catch(e => e as Error);
      await session.close();
      expect(await unfinished).toBeInstanceOf(Error);
      expect(pool.idleWorkers).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('ends, rather than keeps, a worker whose heap a scan grew past the bound', async () => {
    // A large cluster's scan leaves its thread's heap hundreds of MiB big
    // (and V8's limits raised): the next scan starts in a fresh thread.
    const small = createScanWorkerPool({ idleMs: 60_000, retireAboveHeapBytes: 1 });
    const large = createScanWorkerPool({ idleMs: 60_000, retireAboveHeapBytes: 4 * 1024 ** 3 });
    try {
      for (const pool of [small, large]) {
        const session = pool.session(start);
        await drive(session);
        await session.close();
      }
      expect(small.idleWorkers).toBe(0);
      expect(large.idleWorkers).toBe(1);
    } finally {
      await small.close();
      await large.close();
    }
  });

  it('ends idle workers after their idle time', async () => {
    const pool = createScanWorkerPool({ idleMs: 50 });
    const session = pool.session(start);
    await drive(session);
    await session.close();
    expect(pool.idleWorkers).toBe(1);
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(pool.idleWorkers).toBe(0);
  });
});
