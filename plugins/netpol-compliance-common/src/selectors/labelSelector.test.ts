import {
  compileLabelSelector,
  formatLabelSelector,
  isEmptySelector,
  labelsKey,
  matchesSelector,
  validateLabelSelector,
} from './labelSelector';
import type { LabelSelector } from '../snapshot/types';

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'front', env: 'prod' };
  it.each<[string, LabelSelector | undefined, boolean]>([
    ['absent selects everything', undefined, true],
    ['{} selects everything', {}, true],
    [
      'empty maps select everything',
      { matchLabels: {}, matchExpressions: [] },
      true,
    ],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, true],
    ['matchLabels different value', { matchLabels: { app: 'db' } }, false],
    ['matchLabels missing key', { matchLabels: { team: 'a' } }, false],
    [
      'all matchLabels ANDed',
      { matchLabels: { app: 'web', tier: 'back' } },
      false,
    ],
    [
      'In hit',
      {
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'stage'] },
        ],
      },
      true,
    ],
    [
      'In miss',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] },
      false,
    ],
    [
      'In on absent key',
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      false,
    ],
    [
      'NotIn hit',
      {
        matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }],
      },
      false,
    ],
    [
      'NotIn miss',
      {
        matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }],
      },
      true,
    ],
    [
      'NotIn on absent key matches',
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    [
      'Exists',
      { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      true,
    ],
    [
      'Exists absent',
      { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      false,
    ],
    [
      'DoesNotExist',
      { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] },
      true,
    ],
    [
      'DoesNotExist present',
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      false,
    ],
    [
      'labels AND expressions',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }],
      },
      false,
    ],
    [
      'invalid operator selects nothing',
      {
        matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }],
      },
      false,
    ],
    [
      'In without values selects nothing',
      { matchExpressions: [{ key: 'app', operator: 'NotIn', values: [] }] },
      false,
    ],
    [
      'Exists with values selects nothing',
      {
        matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }],
      },
      false,
    ],
  ])('%s', (_name, selector, expected) => {
    expect(matchesSelector(labels, selector)).toBe(expected);
  });
});

describe('validateLabelSelector', () => {
  it.each<[string, LabelSelector, RegExp]>([
    [
      'unknown operator',
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] },
      /unknown operator "Equals"/,
    ],
    [
      'In without values',
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      /In without values/,
    ],
    [
      'NotIn with empty values',
      { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] },
      /NotIn without values/,
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      /Exists with values/,
    ],
    [
      'DoesNotExist with values',
      {
        matchExpressions: [
          { key: 'a', operator: 'DoesNotExist', values: ['x'] },
        ],
      },
      /DoesNotExist with values/,
    ],
    [
      'non-string label value',
      { matchLabels: { version: 1 as unknown as string } },
      /must be a string/,
    ],
    [
      'missing key',
      { matchExpressions: [{ key: '', operator: 'Exists' }] },
      /has no key/,
    ],
  ])('%s is reported', (_name, selector, problem) => {
    const problems = validateLabelSelector(selector, 'podSelector');
    expect(problems.join('\n')).toMatch(problem);
    expect(problems[0]).toMatch(/^podSelector/);
    const compiled = compileLabelSelector(selector);
    expect(compiled.valid).toBe(false);
    expect(compiled.matches({ a: 'x', version: '1' })).toBe(false);
  });

  it('accepts a valid selector', () => {
    expect(
      validateLabelSelector({
        matchLabels: { a: 'b' },
        matchExpressions: [
          { key: 'c', operator: 'In', values: ['x'] },
          { key: 'd', operator: 'DoesNotExist' },
        ],
      }),
    ).toEqual([]);
  });
});

describe('compileLabelSelector', () => {
  it('gives equal keys to equal selectors written differently', () => {
    const a = compileLabelSelector({
      matchLabels: { a: '1', b: '2' },
      matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }],
    });
    const b = compileLabelSelector({
      matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y'] }],
      matchLabels: { b: '2', a: '1' },
    });
    expect(a.key).toBe(b.key);
    expect(compileLabelSelector({ matchLabels: { a: '1' } }).key).not.toBe(
      a.key,
    );
  });

  it('marks empty selectors as selecting all', () => {
    expect(compileLabelSelector({}).selectsAll).toBe(true);
    expect(compileLabelSelector(undefined).selectsAll).toBe(true);
    expect(compileLabelSelector({ matchLabels: { a: 'b' } }).selectsAll).toBe(
      false,
    );
  });
});

describe('helpers', () => {
  it('labelsKey is order independent', () => {
    expect(labelsKey({ a: '1', b: '2' })).toBe(labelsKey({ b: '2', a: '1' }));
    expect(labelsKey({ a: '1' })).not.toBe(labelsKey({ a: '2' }));
  });

  it('isEmptySelector', () => {
    expect(isEmptySelector(undefined)).toBe(true);
    expect(isEmptySelector({ matchLabels: {} })).toBe(true);
    expect(
      isEmptySelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }),
    ).toBe(false);
  });

  it('formats selectors in kubectl syntax', () => {
    expect(
      formatLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'x', operator: 'NotIn', values: ['c'] },
          { key: 'y', operator: 'Exists' },
          { key: 'z', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,tier in (a,b),x notin (c),y,!z');
    expect(formatLabelSelector({})).toBe('(all)');
  });
});
