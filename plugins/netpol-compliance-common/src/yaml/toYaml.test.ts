import { parse } from 'yaml';
import { toYaml, yamlString } from './toYaml';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TRICKY = [
  '',
  ' ',
  'true',
  'False',
  'NULL',
  '~',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  '123',
  '-1',
  '1e3',
  '0x1F',
  '0o17',
  '.5',
  '1_000',
  '12:30',
  '2001-12-14',
  '.inf',
  '-.inf',
  '.nan',
  'a: b',
  'a #b',
  '#c',
  '- x',
  '? q',
  '&anchor',
  '*alias',
  '!tag',
  '%dir',
  '@at',
  '`tick',
  '"dq"',
  "'sq'",
  'multi\nline',
  'tab\there',
  'trailing ',
  ' leading',
  'ünïcödé',
  '😀',
  '\u2028',
  '\u0085',
  '{flow}',
  '[seq]',
  'a,b',
  '0.0.0.0/0',
  '::/0',
  'kubernetes.io/metadata.name',
  'app',
  'my-app',
  'x.',
  '-',
  '<<',
  '=',
  '|',
  '>',
];

function randomValue(r: () => number, depth: number): unknown {
  const k = r();
  if (depth > 3 || k < 0.4) {
    const scalars: unknown[] = [
      ...TRICKY,
      0,
      1,
      -7,
      3.5,
      1e21,
      true,
      false,
      null,
    ];
    return scalars[Math.floor(r() * scalars.length)];
  }
  if (k < 0.7)
    return Array.from({ length: Math.floor(r() * 4) }, () =>
      randomValue(r, depth + 1),
    );
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 4); i > 0; i--)
    o[TRICKY[Math.floor(r() * TRICKY.length)]] = randomValue(r, depth + 1);
  return o;
}

describe('toYaml', () => {
  it.each(TRICKY)('a string %j reads back as the same string', s => {
    expect(parse(toYaml({ v: s }))).toEqual({ v: s });
    expect(parse(toYaml([s]))).toEqual([s]);
    expect(parse(toYaml({ [s]: 1 }))).toEqual({ [s]: 1 });
  });

  it.each(Array.from({ length: 200 }, (_, i) => i + 1))(
    'random document %i round-trips',
    seed => {
      const value = randomValue(prng(seed), 0);
      expect(parse(toYaml(value))).toEqual(value);
    },
  );

  it('writes a policy the way people write it', () => {
    expect(
      toYaml({
        kind: 'NetworkPolicy',
        spec: {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ ipBlock: { cidr: '10.0.0.0/8' } }],
              ports: [{ port: 80 }],
            },
          ],
        },
      }),
    ).toBe(
      [
        'kind: NetworkPolicy',
        'spec:',
        '  podSelector: {}',
        '  policyTypes:',
        '    - Ingress',
        '  ingress:',
        '    - from:',
        '        - ipBlock:',
        '            cidr: "10.0.0.0/8"',
        '      ports:',
        '        - port: 80',
        '',
      ].join('\n'),
    );
  });

  it('skips undefined values like JSON does', () => {
    expect(parse(toYaml({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });

  it('quotes only what needs it', () => {
    expect(yamlString('web')).toBe('web');
    expect(yamlString('app.kubernetes.io/name')).toBe('app.kubernetes.io/name');
    expect(yamlString('true')).toBe('"true"');
    expect(yamlString('8080')).toBe('"8080"');
  });
});
