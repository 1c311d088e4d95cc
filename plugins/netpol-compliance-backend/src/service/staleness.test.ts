import type { StoredCluster } from '../store/ReportStore';
import { clusterReport } from '../__testUtils__/clusterReport';
import { effectiveIndex, effectiveReport, isStale, staleReason } from './staleness';
import { attachLabels, loadWorkloadLabels, ReportIndex, summaryOf } from '../store/reportParts';
import { buildEntityClusterViews } from './entityView';
import { buildOverview } from './overview';

const AT = '2026-01-01T00:00:00.000Z';

function stored(extra: Partial<StoredCluster> = {}): StoredCluster {
  const report = clusterReport('prod', AT, { shop: 'pass' });
  return { cluster: 'prod', report, scannedAt: AT, lastAttemptAt: AT, ...extra };
}

const OLD = { reason: 'No scan of this cluster has run since 2026-01-01T00:00:00.000Z: the report is 3 days old and may no longer hold.', ageMs: 3 * 86_400_000 };

describe('staleness', () => {
  it('a current report is shown as it is', () => {
    const c = stored();
    expect(isStale(c)).toBe(false);
    expect(effectiveReport(c)).toBe(c.report);
  });

  it('a report the scan service marks stale (too old, scans stopped, cluster removed) is never a fresh pass', () => {
    const c = stored({ stale: OLD });
    expect(isStale(c)).toBe(true);
    const shown = effectiveReport(c)!;
    expect(shown.namespaces[0].results[0]).toMatchObject({ status: 'unknown' });
    expect(shown.namespaces[0].results[0].reason).toContain('3 days old');
    expect(shown.namespaces[0].results[0].reason).toContain('Last known: pass');
    expect(shown.results[0].status).toBe('unknown');
  });

  it('says both when the report is old and the latest attempt failed', () => {
    const c = stored({ stale: OLD, lastAttemptAt: '2026-01-03T00:00:00.000Z', lastError: 'the kubernetes backend could not be reached' });
    expect(staleReason(c)).toContain('3 days old');
    expect(staleReason(c)).toContain('could not be reached');
  });

  it('the entity view and the overview show a stale report as unknown, with the reason', () => {
    const c = stored({ stale: OLD });
    const [view] = buildEntityClusterViews({ mapped: true, namespaces: ['shop'] }, [c]);
    expect(view).toMatchObject({ state: 'error', error: OLD.reason });
    expect(view.namespaces[0].results[0].status).toBe('unknown');

    const overview = buildOverview([c], new Map(), {});
    expect(overview.rows[0].results.map(r => r.status)).toEqual(['unknown', 'unknown']);
    expect(overview.summary.byCluster[0].error).toBe(OLD.reason);
  });

  it('marks a stored index stale without reading its label sets, which still load through the copy', async () => {
    const outcomes = JSON.stringify({ namespace: 'shop', results: [{ control: 'NETPOL-001', status: 'pass', reason: 'ok' }] });
    const summary = summaryOf(outcomes);
    const index = {
      head: { cluster: { name: 'prod' }, scannedAt: AT, results: [], errors: [] } as unknown as ReportIndex['head'],
      namespaces: [summary],
      loadLabels: async () => {
        attachLabels(summary, '[{"app":"shop"}]');
        return 16;
      },
    };
    const shown = effectiveIndex({ cluster: 'prod', index, scannedAt: AT, lastAttemptAt: AT, stale: OLD })!;
    expect(shown.namespaces[0].results[0].status).toBe('unknown');
    expect(() => shown.namespaces[0].workloadLabels).toThrow(/not loaded yet/);
    await loadWorkloadLabels([shown]);
    expect(shown.namespaces[0].workloadLabels).toEqual([{ app: 'shop' }]);
  });
});
