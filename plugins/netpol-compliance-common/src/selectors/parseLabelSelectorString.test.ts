import { parseLabelSelectorString } from './parseLabelSelectorString';
import { matchesSelector } from './labelSelector';
import type { LabelSelector } from '../snapshot/types';

describe('parseLabelSelectorString', () => {
  it.each<[string, LabelSelector]>([
    ['', {}],
    ['   ', {}],
    ['app=web', { matchLabels: { app: 'web' } }],
    ['app==web', { matchLabels: { app: 'web' } }],
    ['app = web , tier=front', { matchLabels: { app: 'web', tier: 'front' } }],
    [
      'app!=web',
      {
        matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }],
      },
    ],
    [
      'c in (x,y)',
      { matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y'] }] },
    ],
    [
      'c in ( x , y )',
      { matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y'] }] },
    ],
    [
      'c notin (x)',
      { matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['x'] }] },
    ],
    ['!d', { matchExpressions: [{ key: 'd', operator: 'DoesNotExist' }] }],
    ['d', { matchExpressions: [{ key: 'd', operator: 'Exists' }] }],
    [
      'app.kubernetes.io/name=shop',
      { matchLabels: { 'app.kubernetes.io/name': 'shop' } },
    ],
    [
      'a=b,c in (x,y),!d',
      {
        matchLabels: { a: 'b' },
        matchExpressions: [
          { key: 'c', operator: 'In', values: ['x', 'y'] },
          { key: 'd', operator: 'DoesNotExist' },
        ],
      },
    ],
    [
      'a=x,a=y',
      {
        matchLabels: { a: 'x' },
        matchExpressions: [{ key: 'a', operator: 'In', values: ['y'] }],
      },
    ],
  ])('parses %j', (input, expected) => {
    expect(parseLabelSelectorString(input)).toEqual(expected);
  });

  it.each([
    'a=b,',
    'c in (x',
    'a=b=c',
    'a b',
    '=x',
    'a=in valid',
    '-a=b',
  ])('rejects %j', input => {
    expect(() => parseLabelSelectorString(input)).toThrow(/label selector/);
  });

  it('reads `in ()` as apimachinery does: the one empty value', () => {
    expect(parseLabelSelectorString('c in ()')).toEqual({
      matchExpressions: [{ key: 'c', operator: 'In', values: [''] }],
    });
  });

  it('refuses numeric comparisons, which a LabelSelector cannot hold', () => {
    expect(() => parseLabelSelectorString('tier>2')).toThrow(
      /cannot express, in label selector "tier>2"/,
    );
  });

  it('selects what kubectl would select', () => {
    const sel = parseLabelSelectorString('a=b,c in (x,y),!d');
    expect(matchesSelector({ a: 'b', c: 'x' }, sel)).toBe(true);
    expect(matchesSelector({ a: 'b', c: 'z' }, sel)).toBe(false);
    expect(matchesSelector({ a: 'b', c: 'y', d: '1' }, sel)).toBe(false);
  });
});

describe('label keys as Kubernetes reads them', () => {
  it.each(['a/b/c', '/app', `${'a'.repeat(64)}`, 'Example.com/app'])(
    'refuses the key %s',
    key => {
      expect(() => parseLabelSelectorString(`${key}=x`)).toThrow(
        /Invalid label key/,
      );
    },
  );

  it('accepts a prefixed key', () => {
    expect(parseLabelSelectorString('app.kubernetes.io/name=web')).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'web' },
    });
  });
});
