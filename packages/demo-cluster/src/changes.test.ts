import { describeChanges, diffObjects } from './changes';

const cm = (name: string, data: object, namespace = 'shop') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});

describe('diffObjects', () => {
  it('tells added, removed and changed objects apart by identity', () => {
    const before = [cm('a', { x: 1 }), cm('b', { x: 1 }), cm('c', { x: 1 })];
    const after = [cm('b', { x: 2 }), cm('c', { x: 1 }), cm('d', {})];
    expect(diffObjects(before, after)).toEqual({
      added: ['v1 ConfigMap shop/d'],
      removed: ['v1 ConfigMap shop/a'],
      changed: ['v1 ConfigMap shop/b'],
    });
  });

  it('counts the same name in another namespace or kind as another object', () => {
    const other = { ...cm('a', {}), kind: 'Secret' };
    expect(diffObjects([cm('a', {})], [cm('a', {}, 'web'), other])).toEqual({
      added: ['v1 ConfigMap web/a', 'v1 Secret shop/a'],
      removed: ['v1 ConfigMap shop/a'],
      changed: [],
    });
  });

  it('compares the last definition of an object, as the store serves it', () => {
    const before = [cm('a', { x: 1 })];
    const after = [cm('a', { x: 2 }), cm('a', { x: 1 })];
    expect(diffObjects(before, after).changed).toEqual([]);
  });

  it('describes a large change with names, then a count', () => {
    const after = Array.from({ length: 12 }, (_, i) => cm(`n${i + 10}`, {}));
    const text = describeChanges(diffObjects([], after));
    expect(text).toMatch(/^added v1 ConfigMap shop\/n10, /);
    expect(text).toMatch(/ and 2 more$/);
    expect(describeChanges(diffObjects(after, after))).toBe(
      'no object changed',
    );
  });
});
