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
    const cache = new ReportCache(noStore, 100);
    cache.put(stored('a', 't1'), 40);
    cache.put(stored('b', 't1'), 40);
    cache.put(stored('c', 't1'), 40);
    expect(cache.size).toBe(80);
    cache.put(stored('huge', 't1'), 101);
    expect(cache.size).toBe(80);
  });
});
