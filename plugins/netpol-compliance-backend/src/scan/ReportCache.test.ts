import type { ReportStore, StoredCluster } from '../store/ReportStore';
import { ReportCache } from './ReportCache';

const stored = (cluster: string, scannedAt: string): StoredCluster => ({ cluster, scannedAt, lastAttemptAt: scannedAt });
const noStore = {} as ReportStore;

describe('ReportCache', () => {
  it('never puts an older report back over a newer one', async () => {
    const store = {
      listClusterHeads: async () => [stored('a', '2026-11-21T10:05:00.000Z')],
      getIndex: jest.fn(),
    };
    const cache = new ReportCache(store as unknown as ReportStore, 1000);
    cache.put(stored('a', '2026-11-21T10:05:00.000Z'), 10);
    // A refresh that loaded the 10:00 report before the 10:05 one arrived.
    cache.put(stored('a', '2026-11-21T10:00:00.000Z'), 10);
    const [a] = await cache.current();
    expect(a.scannedAt).toBe('2026-11-21T10:05:00.000Z');
    expect(store.getIndex).not.toHaveBeenCalled();
  });

  it('drops the least recently used reports past its bound, and never holds one larger than it', () => {
    // Bound 160: 120 for the indexes, 40 for whole namespaces.
    const cache = new ReportCache(noStore, 160);
    cache.put(stored('a', 't1'), 40);
    cache.put(stored('b', 't1'), 40);
    cache.put(stored('c', 't1'), 40);
    expect(cache.size).toBe(120);
    cache.put(stored('d', 't1'), 40);
    expect(cache.size).toBe(120);
    cache.put(stored('huge', 't1'), 121);
    expect(cache.size).toBe(120);
  });

  it('holds indexes and whole namespaces within one bound together', async () => {
    const namespace = (name: string) => ({ namespace: name }) as never;
    const store = {
      getNamespaces: async (_c: string, _s: string, names: string[]) =>
        names.map(n => ({ namespace: n, report: namespace(n), chars: 20 })),
    };
    const cache = new ReportCache(store as unknown as ReportStore, 160);
    for (const name of ['a', 'b', 'c', 'd']) cache.put(stored(name, 't1'), 40);
    await cache.namespaces('a', 't1', ['n1', 'n2', 'n3', 'n4']);
    expect(cache.size).toBeLessThanOrEqual(160);
    expect(cache.size).toBe(160);
  });
});
