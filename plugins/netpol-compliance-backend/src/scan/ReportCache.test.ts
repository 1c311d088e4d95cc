import type { ReportStore, StoredCluster } from '../store/ReportStore';
import { ReportCache } from './ReportCache';
import { ReportReplacedError } from '../store/namespaceRows';
import type { ReportIndex } from '../store/reportParts';

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

  it('reads again, newer, a report that a newer scan replaced while its label sets were read', async () => {
    let head = 't1';
    const indexOf = (scannedAt: string): ReportIndex => ({
      head: { cluster: { name: 'a' }, scannedAt } as ReportIndex['head'],
      namespaces: [],
      loadLabels: async () => {
        if (scannedAt === 't1') {
          head = 't2'; // the newer scan lands while the older labels are read
          throw new ReportReplacedError('a', scannedAt);
        }
        return 30;
      },
    });
    const store = {
      listClusterHeads: async () => [stored('a', head)],
      getIndex: async () => ({ stored: { ...stored('a', head), index: indexOf(head) }, chars: 10 }),
    };
    const cache = new ReportCache(store as unknown as ReportStore, 1000);
    const [a] = await cache.currentWithLabels();
    expect(a.scannedAt).toBe('t2');
    // The label sets count against the bound once they are read.
    expect(cache.size).toBe(40);
    await cache.currentWithLabels();
    expect(cache.size).toBe(40);
  });

  it('gives up with the error when the report keeps being replaced, and passes other errors at once', async () => {
    let reads = 0;
    const failing = (error: Error) => ({
      listClusterHeads: async () => [stored('a', `t${reads}`)],
      getIndex: async () => {
        reads++;
        return {
          stored: { ...stored('a', `t${reads - 1}`), index: { head: {}, namespaces: [], loadLabels: async () => Promise.reject(error) } },
          chars: 1,
        };
      },
    });
    const replaced = new ReportReplacedError('a', 't');
    await expect(new ReportCache(failing(replaced) as unknown as ReportStore, 1000).currentWithLabels()).rejects.toBe(replaced);
    expect(reads).toBe(3);
    reads = 0;
    const broken = new Error('database is gone');
    await expect(new ReportCache(failing(broken) as unknown as ReportStore, 1000).currentWithLabels()).rejects.toBe(broken);
    expect(reads).toBe(1);
  });
});
