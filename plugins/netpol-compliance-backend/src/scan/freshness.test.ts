import { clusterReport } from '../__testUtils__/clusterReport';
import { reportStaleness } from './freshness';

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
