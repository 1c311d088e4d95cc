import {
  SelectorError,
  compileFieldSelector,
  parseFieldSelector,
  parseLabelSelector,
  supportedFields,
} from './selectors';

describe('parseLabelSelector', () => {
  const labels = {
    app: 'web',
    tier: 'frontend',
    'app.kubernetes.io/name': 'shop',
    replicas: '3',
  };

  it('treats an empty selector as matching everything', () => {
    const s = parseLabelSelector('  ');
    expect(s.empty).toBe(true);
    expect(s.matches(undefined)).toBe(true);
  });

  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app = web', true],
    ['app=api', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['app in (api, web)', true],
    ['app in (api)', false],
    ['app notin (api)', true],
    ['missing notin (api)', true],
    ['app notin (web)', false],
    ['app.kubernetes.io/name=shop', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['replicas>2', true],
    ['replicas<2', false],
    ['missing>1', false],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
    ['tier=', false],
    ['missing in ()', false],
  ])('%j matches %p', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it('parses the requirements it will evaluate', () => {
    expect(parseLabelSelector('a in (x,y), !b, c!=d').requirements).toEqual([
      { key: 'a', operator: 'in', values: ['x', 'y'] },
      { key: 'b', operator: '!', values: [] },
      { key: 'c', operator: '!=', values: ['d'] },
    ]);
  });

  it.each([
    'a in x',
    'a in (x',
    'a notin',
    'a=(x)',
    '=x',
    '!',
    '!a=b',
    'a b',
    'a,',
    ',a',
    'a=b=c',
    'a=b c',
    '-a=b',
    'UPPER.example.com/a=b',
    `${'k'.repeat(64)}=v`,
    `a=${'v'.repeat(64)}`,
    'a>b',
  ])('rejects %j', selector => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
  });
});

describe('field selectors', () => {
  const podObject = {
    metadata: { name: 'web-1', namespace: 'shop' },
    spec: { nodeName: 'node-a' },
    status: { phase: 'Running' },
  };

  it('matches metadata fields with =, == and !=', () => {
    const fields = supportedFields('configmaps', '');
    expect(
      compileFieldSelector(
        parseFieldSelector('metadata.name=web-1'),
        fields,
      )(podObject),
    ).toBe(true);
    expect(
      compileFieldSelector(
        parseFieldSelector('metadata.namespace==shop'),
        fields,
      )(podObject),
    ).toBe(true);
    expect(
      compileFieldSelector(
        parseFieldSelector('metadata.namespace!=shop'),
        fields,
      )(podObject),
    ).toBe(false);
    expect(
      compileFieldSelector(
        parseFieldSelector('metadata.name=web-1,metadata.namespace=other'),
        fields,
      )(podObject),
    ).toBe(false);
  });

  it('supports the extra pod fields the real server indexes', () => {
    const fields = supportedFields('pods', '');
    expect(
      compileFieldSelector(
        parseFieldSelector('status.phase=Running,spec.nodeName=node-a'),
        fields,
      )(podObject),
    ).toBe(true);
    expect(() =>
      compileFieldSelector(
        parseFieldSelector('status.phase=Running'),
        supportedFields('configmaps', ''),
      ),
    ).toThrow('field label not supported: status.phase');
  });

  it('unescapes values and rejects malformed terms', () => {
    expect(parseFieldSelector('metadata.name=a\\,b').requirements).toEqual([
      { field: 'metadata.name', operator: '=', value: 'a,b' },
    ]);
    expect(() => parseFieldSelector('metadata.name')).toThrow(SelectorError);
    expect(() => parseFieldSelector('=x')).toThrow(SelectorError);
    expect(() => parseFieldSelector('metadata.name=a\\b')).toThrow(
      SelectorError,
    );
  });
});
