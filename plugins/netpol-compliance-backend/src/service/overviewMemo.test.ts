import type { StoredCluster } from '../store/ReportStore';
import { clusterReport } from '../__testUtils__/clusterReport';
import { buildOverview, overviewPage } from './overview';
import { OverviewMemo } from './overviewMemo';

const AT = '2026-01-01T00:00:00.000Z';
const stored = (extra: Partial<StoredCluster> = {}): StoredCluster[] => [
  { cluster: 'prod', report: clusterReport('prod', AT, { a: 'pass', b: 'fail', c: 'pass' }), scannedAt: AT, lastAttemptAt: AT, ...extra },
];

describe('OverviewMemo', () => {
  it('pages the same rows a fresh build gives, for every page and filter', () => {
    const memo = new OverviewMemo();
    const owners = new Map();
    for (const query of [{ limit: 1 }, { limit: 1, offset: 1 }, { limit: 2, offset: 1, status: 'pass' }, { sort: 'namespace', order: 'desc' }] as const) {
      expect(overviewPage(memo.rows(stored(), owners, query), query)).toEqual(buildOverview(stored(), owners, query));
    }
  });

  it('never serves rows of before a change: staleness, a failed attempt, a new owner index', () => {
    const memo = new OverviewMemo();
    const owners = new Map();
    expect(memo.rows(stored(), owners, {}).rows[0].results[0].status).toBe('fail');
    const stale = stored({ stale: { reason: 'too old', ageMs: 1 } });
    expect(memo.rows(stale, owners, {}).rows.every(r => r.results[0].status === 'unknown')).toBe(true);
    const failed = stored({ lastAttemptAt: '2026-01-02T00:00:00.000Z', lastError: 'down' });
    expect(memo.rows(failed, owners, {}).rows.every(r => r.results[0].status === 'unknown')).toBe(true);
    const owned = new Map([['prod/b', { entities: ['component:default/x'], owners: ['group:default/t'] }]]);
    expect(memo.rows(stored(), owned, { owner: 'group:default/t' }).rows.map(r => r.namespace)).toEqual(['b']);
  });

  it('makes the default order once, whether a request spells it out or leaves it out', () => {
    const memo = new OverviewMemo();
    const owners = new Map();
    const shared = stored();
    const made = memo.rows(shared, owners, {});
    expect(memo.rows(shared, owners, { sort: 'status', order: 'asc', limit: 10 })).toBe(made);
    expect(memo.rows(shared, owners, { sort: 'status', order: 'desc' })).not.toBe(made);
  });
});
