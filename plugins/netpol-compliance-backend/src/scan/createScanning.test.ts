import { scheduledRunSignal } from './createScanning';

describe('scheduledRunSignal', () => {
  it('ends the run before the task timeout, so the scheduler never hands it on while it runs', async () => {
    const started = Date.now();
    const { signal } = scheduledRunSignal(new AbortController().signal, 2000);
    await new Promise(resolve => signal.addEventListener('abort', resolve, { once: true }));
    const elapsed = Date.now() - started;
    // 10% margin: aborted at ~1.8 s, before the 2 s timeout.
    expect(elapsed).toBeGreaterThanOrEqual(1500);
    expect(elapsed).toBeLessThan(2000);
  });

  it('ends at once when the scheduler aborts the task', () => {
    const scheduler = new AbortController();
    const { signal, clear } = scheduledRunSignal(scheduler.signal, 600_000);
    expect(signal.aborted).toBe(false);
    scheduler.abort();
    expect(signal.aborted).toBe(true);
    clear();
  });
});
