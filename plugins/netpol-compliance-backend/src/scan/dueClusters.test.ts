import { dueBefore, dueClusters, oldestReportFirst } from './dueClusters';

const sa = (name: string) => ({ name, authProvider: 'serviceAccount' });
const NOW = Date.parse('2026-12-02T12:00:30.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('dueBefore', () => {
  it('is one period ago for a duration schedule', () => {
    expect(dueBefore({ everyMs: 30 * 60_000 }, NOW)).toBe('2026-12-02T11:30:30.000Z');
  });

  it('is the start of the tick’s minute for a cron or manual schedule', () => {
    expect(dueBefore({}, NOW)).toBe('2026-12-02T12:00:00.000Z');
    expect(dueBefore({ everyMs: NaN }, NOW)).toBe('2026-12-02T12:00:00.000Z');
  });
});

describe('dueClusters', () => {
  const period = 30 * 60_000;
  const before = dueBefore({ everyMs: period }, NOW);

  it('takes clusters never scanned and those last attempted a period ago, not fresher ones', () => {
    const heads = [
      { cluster: 'fresh', scannedAt: ago(60_000), lastAttemptAt: ago(60_000) },
      { cluster: 'old', scannedAt: ago(period + 1), lastAttemptAt: ago(period + 1) },
      { cluster: 'edge', scannedAt: ago(period), lastAttemptAt: ago(period) },
    ];
    const due = dueClusters([sa('fresh'), sa('old'), sa('new'), sa('edge')], heads, before);
    expect(due.map(c => c.name)).toEqual(['new', 'old']);
  });

  it('counts a failed attempt: a failing cluster waits for its period instead of looping', () => {
    const heads = [{ cluster: 'broken', scannedAt: ago(5 * period), lastAttemptAt: ago(1000) }];
    expect(dueClusters([sa('broken')], heads, before)).toEqual([]);
  });

  it('never returns a stored cluster that left the listing', () => {
    const heads = [{ cluster: 'gone', scannedAt: ago(9 * period), lastAttemptAt: ago(9 * period) }];
    expect(dueClusters([sa('here')], heads, before).map(c => c.name)).toEqual(['here']);
  });

  it('orders by report age, not by the last attempt: a failing cluster with an old report goes first', () => {
    const heads = [
      { cluster: 'a', scannedAt: ago(2 * period), lastAttemptAt: ago(2 * period) },
      { cluster: 'b', scannedAt: ago(8 * period), lastAttemptAt: ago(period + 5) },
    ];
    expect(dueClusters([sa('a'), sa('b')], heads, before).map(c => c.name)).toEqual(['b', 'a']);
  });
});

describe('oldestReportFirst', () => {
  it('puts never-scanned clusters first, and breaks ties by name so replicas agree', () => {
    const heads = [{ cluster: 'x', scannedAt: ago(10) }, { cluster: 'y', scannedAt: ago(10) }];
    expect(oldestReportFirst([sa('y'), sa('x'), sa('c'), sa('b')], heads).map(c => c.name)).toEqual([
      'b', 'c', 'x', 'y',
    ]);
  });
});
