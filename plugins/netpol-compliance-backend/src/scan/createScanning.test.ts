import { scheduledRunSignal } from './createScanning';

describe('scheduledRunSignal', () => {
  it('ends the run before the task timeout, so the scheduler never hands it on while it runs', () => {
    jest.useFakeTimers();
    try {
      const { signal } = scheduledRunSignal(new AbortController().signal, 2000);
      // 10% margin: aborted at 1.8 s, before the 2 s timeout.
      jest.advanceTimersByTime(1799);
      expect(signal.aborted).toBe(false);
      jest.advanceTimersByTime(1);
      expect(signal.aborted).toBe(true);
      expect((signal.reason as Error).name).toBe('TimeoutError');
    } finally {
      jest.useRealTimers();
    }
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
