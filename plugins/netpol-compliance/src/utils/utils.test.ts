import { isNetpolComplianceAvailable } from './isNetpolComplianceAvailable';
import { compareSeverity, worstStatus } from './status';
import { formatAge, formatTimestamp } from './time';

const entity = (annotations?: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'a', annotations },
});

describe('isNetpolComplianceAvailable', () => {
  it.each([
    ['backstage.io/kubernetes-id', 'a'],
    ['backstage.io/kubernetes-label-selector', 'app=a'],
    ['backstage.io/kubernetes-namespace', 'a,b'],
  ])('is true with %s', (key, value) => {
    expect(isNetpolComplianceAvailable(entity({ [key]: value }))).toBe(true);
  });

  it('is false without mapping annotations, or with only a cluster or blank values', () => {
    expect(isNetpolComplianceAvailable(entity())).toBe(false);
    expect(
      isNetpolComplianceAvailable(
        entity({ 'backstage.io/kubernetes-cluster': 'prod' }),
      ),
    ).toBe(false);
    expect(
      isNetpolComplianceAvailable(
        entity({ 'backstage.io/kubernetes-id': ' ' }),
      ),
    ).toBe(false);
  });
});

describe('status helpers', () => {
  it('finds the worst outcome; unknown is never better than pass', () => {
    expect(worstStatus(['pass', 'unknown', 'exempt'])).toBe('unknown');
    expect(worstStatus(['pass', 'warning', 'fail'])).toBe('fail');
    expect(worstStatus([])).toBe('not-applicable');
    expect(['pass', 'fail', 'warning'].sort(compareSeverity as any)).toEqual([
      'fail',
      'warning',
      'pass',
    ]);
  });

  it('ranks unknown above warning, as the overview API does', () => {
    expect(worstStatus(['warning', 'unknown', 'pass'])).toBe('unknown');
    expect(['warning', 'unknown'].sort(compareSeverity as any)).toEqual([
      'unknown',
      'warning',
    ]);
  });
});

describe('time helpers', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('formats ages', () => {
    expect(formatAge('2024-05-01T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatAge('2024-05-01T11:59:45Z', now)).toBe('just now');
    expect(formatAge('2024-04-29T12:00:00Z', now)).toBe('2 days ago');
    expect(formatAge(undefined, now)).toBeUndefined();
    expect(formatAge('nonsense', now)).toBeUndefined();
  });
  it('formats timestamps in UTC', () => {
    expect(formatTimestamp('2024-05-01T11:55:30Z')).toBe(
      '2024-05-01 11:55 UTC',
    );
  });
});
