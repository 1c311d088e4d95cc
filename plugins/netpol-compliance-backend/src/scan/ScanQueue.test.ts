import { ScanQueue } from './ScanQueue';
import { SingleFlight } from './SingleFlight';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => (open = resolve));
  return { open, opened };
}

describe('ScanQueue', () => {
  it('runs at most `concurrency` scans at once', async () => {
    const queue = new ScanQueue({ concurrency: 2, maxWaiting: 100 });
    let running = 0;
    let peak = 0;
    const g = gate();
    const tasks = Array.from({ length: 6 }, () =>
      queue.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await g.opened;
        running--;
      }, { bounded: false }),
    );
    await new Promise(r => setImmediate(r));
    expect(queue.active).toBe(2);
    expect(queue.waiting).toBe(4);
    g.open();
    await Promise.all(tasks);
    expect(peak).toBe(2);
  });

  it('refuses on-demand requests beyond the waiting bound, with a 503', async () => {
    const queue = new ScanQueue({ concurrency: 1, maxWaiting: 2 });
    const g = gate();
    const accepted = [1, 2, 3].map(() => queue.run(() => g.opened, { bounded: true }));
    const refused = await queue.run(() => g.opened, { bounded: true }).catch(e => e);
    expect(refused.name).toBe('ServiceUnavailableError');
    g.open();
    await Promise.all(accepted);
  });
});

describe('SingleFlight', () => {
  it('joins concurrent calls for a key and starts afresh once it settled', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    const g = gate();
    const fn = async () => {
      calls++;
      await g.opened;
      return calls;
    };
    const joined = [flight.run('a', fn), flight.run('a', fn), flight.run('a', fn)];
    g.open();
    expect(await Promise.all(joined)).toEqual([1, 1, 1]);
    expect(await flight.run('a', fn)).toBe(2);
  });

  it('frees the key after a failure', async () => {
    const flight = new SingleFlight<number>();
    await expect(flight.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(flight.isRunning('a')).toBe(false);
    expect(await flight.run('a', async () => 7)).toBe(7);
  });
});
