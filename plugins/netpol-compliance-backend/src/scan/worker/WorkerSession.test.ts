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

  it('says when a page is not a Kubernetes list, or not JSON', async () => {
    const session = startWorkerSession(start);
    try {
      expect(await session.page(0, 'Pod', 'v1', bytes({ kind: 'Status' }))).toEqual({ problem: 'not-list' });
      expect(await session.page(0, 'Pod', 'v1', new TextEncoder().encode('<html>'))).toEqual({ problem: 'not-json' });
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

  it('refuses work once closed', async () => {
    const session = startWorkerSession(start);
    await session.close();
    await expect(session.commit(0)).rejects.toThrow(/closed/);
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
