import { CallerRateLimit, RateLimitedError } from './callerRateLimit';

describe('CallerRateLimit', () => {
  it('refuses the scan past the limit with the seconds until the oldest start leaves the window', () => {
    let now = 1_000_000;
    const limit = new CallerRateLimit({ scans: 2, windowMs: 60_000 }, () => now);
    limit.take('user:default/ann');
    now += 10_000;
    limit.take('user:default/ann');
    now += 5_000;
    let error: unknown;
    try {
      limit.take('user:default/ann');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(45);
  });

  it('counts each caller on their own', () => {
    const limit = new CallerRateLimit({ scans: 1, windowMs: 60_000 }, () => 0);
    limit.take('user:default/ann');
    expect(() => limit.take('user:default/bob')).not.toThrow();
    expect(() => limit.take('user:default/ann')).toThrow(RateLimitedError);
  });

  it('allows the caller again once the window has passed', () => {
    let now = 0;
    const limit = new CallerRateLimit({ scans: 1, windowMs: 60_000 }, () => now);
    limit.take('user:default/ann');
    now = 60_001;
    expect(() => limit.take('user:default/ann')).not.toThrow();
  });

  it('a refused attempt does not extend the wait', () => {
    let now = 0;
    const limit = new CallerRateLimit({ scans: 1, windowMs: 60_000 }, () => now);
    limit.take('user:default/ann');
    for (now = 1_000; now < 60_000; now += 1_000) {
      expect(() => limit.take('user:default/ann')).toThrow(RateLimitedError);
    }
    now = 60_001;
    expect(() => limit.take('user:default/ann')).not.toThrow();
  });
});
