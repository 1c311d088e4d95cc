import {
  compareStatusSeverity,
  STATUSES_WORST_FIRST,
  worstStatus,
} from './statusSeverity';

describe('worstStatus', () => {
  it('ranks a fail above an unknown, and an unknown above a warning', () => {
    expect(worstStatus(['pass', 'warning', 'unknown', 'fail'])).toBe('fail');
    expect(worstStatus(['pass', 'warning', 'unknown'])).toBe('unknown');
    expect(worstStatus(['exempt', 'warning', 'pass'])).toBe('warning');
  });

  it('is not-applicable for no statuses, and never lets an unknown word hide a known one', () => {
    expect(worstStatus([])).toBe('not-applicable');
    expect(worstStatus(['future-status', 'exempt'])).toBe('exempt');
  });
});

describe('compareStatusSeverity and STATUSES_WORST_FIRST', () => {
  it('sort worst first in the same order as worstStatus', () => {
    expect(STATUSES_WORST_FIRST).toEqual([
      'fail',
      'unknown',
      'warning',
      'pass',
      'exempt',
      'not-applicable',
    ]);
    expect(
      ['pass', 'warning', 'not-applicable', 'unknown', 'fail'].sort(
        compareStatusSeverity,
      ),
    ).toEqual(['fail', 'unknown', 'warning', 'pass', 'not-applicable']);
  });

  it('sorts a status it does not know after the known ones', () => {
    expect(['future-status', 'not-applicable'].sort(compareStatusSeverity)).toEqual([
      'not-applicable',
      'future-status',
    ]);
  });
});
