import { CustomErrorBase } from '@backstage/errors';

/** Thrown when a caller has used up their scans for now; the router answers 429. */
export class RateLimitedError extends CustomErrorBase {
  name = 'RateLimitedError' as const;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** Callers remembered at most; past it, callers whose window has ended are forgotten. */
const MAX_TRACKED_CALLERS = 10_000;

/**
 * At most `scans` starts per caller in any `windowMs` (a sliding window of
 * start times). In memory, so each backend replica counts on its own.
 */
export class CallerRateLimit {
  private readonly starts = new Map<string, number[]>();

  constructor(
    private readonly limit: { scans: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one start for `caller`, or throws RateLimitedError saying when to retry. */
  take(caller: string): void {
    const now = this.now();
    const since = now - this.limit.windowMs;
    const recent = (this.starts.get(caller) ?? []).filter(t => t > since);
    if (recent.length >= this.limit.scans) {
      const retryAfterSeconds = Math.max(1, Math.ceil((recent[0] + this.limit.windowMs - now) / 1000));
      throw new RateLimitedError(
        `Too many scans with your own cluster token: at most ${this.limit.scans} every ${Math.round(this.limit.windowMs / 1000)} s. Try again in ${retryAfterSeconds} s.`,
        retryAfterSeconds,
      );
    }
    recent.push(now);
    this.starts.delete(caller); // re-inserted last: the map stays in order of last use
    this.starts.set(caller, recent);
    if (this.starts.size > MAX_TRACKED_CALLERS) this.forget(since);
  }

  private forget(since: number) {
    for (const [caller, times] of this.starts) {
      if (this.starts.size <= MAX_TRACKED_CALLERS) break;
      if (times[times.length - 1] <= since) this.starts.delete(caller);
    }
    // Every caller still counts: drop the least recently seen rather than grow without bound.
    while (this.starts.size > MAX_TRACKED_CALLERS) {
      this.starts.delete(this.starts.keys().next().value as string);
    }
  }
}
