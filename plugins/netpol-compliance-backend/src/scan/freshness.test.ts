import { clusterReport } from '../__testUtils__/clusterReport';
import { fleetFreshness, reportStaleness } from './freshness';

const HOUR = 3_600_000;
const scannedAt = '2026-11-21T10:00:00.000Z';
const base = { cluster: 'a', report: clusterReport('a', scannedAt, { shop: 'pass' }), scannedAt, lastAttemptAt: scannedAt };
const at = (hours: number) => Date.parse(scannedAt) + hours * HOUR;

describe('reportStaleness', () => {
  it('leaves a report younger than the limit current', () => {
    expect(reportStaleness(base, at(0.9), HOUR)).toBeUndefined();
  });

  it('calls a report older than the limit stale, with its age, when scans stopped', () => {
    const stale = reportStaleness(base, at(3), HOUR);
    expect(stale?.ageMs).toBe(3 * HOUR);
    expect(stale?.reason).toMatch(/No scan of this cluster has run since 2026-11-21T10:00:00.000Z: the report is 3 h old/);
  });

  it('says so when scans run but keep failing', () => {
    const stale = reportStaleness({ ...base, lastAttemptAt: new Date(at(2.9)).toISOString(), lastError: 'timed out' }, at(3), HOUR);
    expect(stale?.reason).toMatch(/has succeeded since/);
  });

  it('calls the report of a removed cluster stale at once', () => {
    expect(reportStaleness({ ...base, removedAt: '2026-11-21T10:30:00.000Z' }, at(0.6), HOUR)?.reason).toMatch(
      /no longer in the kubernetes configuration/,
    );
  });

  it('has nothing to say about a cluster without a report', () => {
    expect(reportStaleness({ cluster: 'a', lastAttemptAt: scannedAt, lastError: 'x' }, at(100), HOUR)).toBeUndefined();
  });
});

describe('fleetFreshness', () => {
  const now = Date.parse('2026-12-02T12:00:00.000Z');
  it('names the oldest report among listed clusters, ignoring removed ones', () => {
    const stored = [
      { cluster: 'a', scannedAt: '2026-12-02T11:50:00.000Z' },
      { cluster: 'b', scannedAt: '2026-12-02T11:20:00.000Z' },
      { cluster: 'gone', scannedAt: '2026-11-01T00:00:00.000Z' },
    ];
    expect(fleetFreshness(['a', 'b', 'new'], stored, now)).toEqual({
      clusters: 3,
      withReport: 2,
      withoutReport: ['new'],
      oldestReportAt: '2026-12-02T11:20:00.000Z',
      oldestReportCluster: 'b',
      oldestReportAgeMs: 40 * 60_000,
    });
  });

  it('counts a cluster whose only attempts failed as without a report', () => {
    const fleet = fleetFreshness(['a'], [{ cluster: 'a', scannedAt: undefined }], now);
    expect(fleet).toMatchObject({ clusters: 1, withReport: 0, withoutReport: ['a'] });
    expect(fleet.oldestReportAt).toBeUndefined();
  });
});
