import { worstStatus } from './statusSeverity';

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
