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
  it('never turns on-demand requests away because background scans are queued', async () => {
    // A scheduled pass of a large fleet queues every due cluster at once;
    // the bound is on requests, so a person asking still gets a place.
    const queue = new ScanQueue({ concurrency: 3, maxWaiting: 2 });
    const g = gate();
    const background = Array.from({ length: 30 }, () => queue.run(() => g.opened, { bounded: false }));
    expect(queue.full).toBe(false);
    const asked = queue.run(async () => 'scanned', { bounded: true });
    g.open();
    await expect(asked).resolves.toBe('scanned');
    await Promise.all(background);
  });

  it('starts a waiting on-demand request before background scans queued earlier', async () => {
    const queue = new ScanQueue({ concurrency: 1, maxWaiting: 5 });
    const order: string[] = [];
    const g = gate();
    const first = queue.run(async () => {
      order.push('running');
      await g.opened;
    }, { bounded: false });
    const background = [1, 2, 3].map(i => queue.run(async () => void order.push(`background ${i}`), { bounded: false }));
    const asked = queue.run(async () => void order.push('on demand'), { bounded: true });
    g.open();
    await Promise.all([first, asked, ...background]);
    expect(order).toEqual(['running', 'on demand', 'background 1', 'background 2', 'background 3']);
  });

  it('frees an on-demand place when its request starts, and when it fails', async () => {
    const queue = new ScanQueue({ concurrency: 1, maxWaiting: 1 });
    const g = gate();
    const running = queue.run(() => g.opened, { bounded: true });
    const failing = queue.run(async () => {
      throw new Error('boom');
    }, { bounded: true });
    expect(queue.full).toBe(true);
    g.open();
    await running;
    await expect(failing).rejects.toThrow('boom');
    expect(queue.full).toBe(false);
    await expect(queue.run(async () => 1, { bounded: true })).resolves.toBe(1);
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
