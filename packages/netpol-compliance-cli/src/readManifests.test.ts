import { captureIo, TempDir } from './__testUtils__/testIo';
import {
  findManifestFiles,
  jsonErrorOffset,
  formatProblem,
  ManifestProblem,
  parseManifestText,
  readManifests,
} from './readManifests';

const kinds = (objects: Array<Record<string, any>>) =>
  objects.map(o => `${o.kind}/${o.metadata?.name ?? ''}`);

describe('parseManifestText', () => {
  const ok: Array<{
    name: string;
    text: string;
    format: 'json' | 'yaml' | 'auto';
    expected: string[];
  }> = [
    {
      name: 'multi-document YAML with empty and comment-only documents',
      text: `# header\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\n---\n`,
      format: 'yaml',
      expected: ['Namespace/a', 'Pod/p'],
    },
    {
      name: 'a JSON object',
      text: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"}}',
      format: 'json',
      expected: ['Namespace/a'],
    },
    {
      name: 'a JSON List (kubectl get -o json), kept whole for the engine to flatten',
      text: JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [{ kind: 'Namespace', metadata: { name: 'a' } }],
      }),
      format: 'json',
      expected: ['List/'],
    },
    {
      name: 'a YAML List (kubectl get -o yaml)',
      text: `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: a}\nmetadata: {resourceVersion: ""}\n`,
      format: 'yaml',
      expected: ['List/'],
    },
    {
      name: 'a byte order mark',
      text: '\ufeff{"kind":"Namespace","metadata":{"name":"a"}}',
      format: 'json',
      expected: ['Namespace/a'],
    },
    {
      name: 'JSON sniffed on standard input',
      text: '  {"kind":"Namespace","metadata":{"name":"a"}}',
      format: 'auto',
      expected: ['Namespace/a'],
    },
    {
      name: 'YAML sniffed on standard input',
      text: 'kind: Namespace\nmetadata: {name: a}\n',
      format: 'auto',
      expected: ['Namespace/a'],
    },
    { name: 'an empty file', text: '', format: 'yaml', expected: [] },
  ];

  it.each(ok)('reads $name', ({ text, format, expected }) => {
    const parsed = parseManifestText(text, 'in.yaml', format);
    expect(parsed.errors).toEqual([]);
    expect(kinds(parsed.objects)).toEqual(expected);
  });

  it('applies merge keys', () => {
    const parsed = parseManifestText(
      `kind: Pod\nmetadata:\n  name: p\n  labels:\n    <<: {app: web}\n    tier: front\n`,
      'p.yaml',
    );
    expect(parsed.objects[0].metadata.labels).toEqual({
      app: 'web',
      tier: 'front',
    });
  });

  const bad: Array<{
    name: string;
    text: string;
    format: 'json' | 'yaml';
    expected: Partial<ManifestProblem>;
  }> = [
    {
      name: 'a YAML syntax error',
      text: `kind: Namespace\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: p\n labels: {app: web}\n`,
      format: 'yaml',
      expected: {
        line: 8,
        column: 1,
        message: expect.stringMatching(/^YAML syntax error: /),
      },
    },
    {
      name: 'an unclosed YAML flow sequence',
      text: `kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [\n`,
      format: 'yaml',
      expected: {
        line: expect.any(Number),
        message: expect.stringMatching(/^YAML syntax error: /),
      },
    },
    {
      name: 'a duplicate YAML key',
      text: `kind: Pod\nmetadata:\n  name: p\n  name: q\n`,
      format: 'yaml',
      expected: {
        line: 4,
        column: 3,
        message: expect.stringMatching(/unique/),
      },
    },
    {
      name: 'a JSON syntax error',
      text: `{\n  "kind": "Namespace",\n  "metadata": {"name": "a"},\n}\n`,
      format: 'json',
      expected: {
        line: 4,
        column: 1,
        message: expect.stringMatching(/^JSON syntax error: /),
      },
    },
    {
      name: 'truncated JSON',
      text: `{\n  "kind": "Namespace",\n`,
      format: 'json',
      expected: {
        line: 3,
        message: expect.stringMatching(/^JSON syntax error: /),
      },
    },
  ];

  it.each(bad)('locates $name', ({ text, format, expected }) => {
    const parsed = parseManifestText(text, 'dir/bad.file', format);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({
      file: 'dir/bad.file',
      ...expected,
    });
  });

  it.each<[string, string, 'json' | 'yaml', number]>([
    [
      'a YAML list',
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n- just\n- a list\n`,
      'yaml',
      5,
    ],
    ['a JSON array written by some tool', `[{"name": "x"}]`, 'json', 1],
    ['a JSON string', `"hello"`, 'json', 1],
  ])('skips %s with a warning, not an error', (_name, text, format, line) => {
    const parsed = parseManifestText(text, 'dir/some.file', format);
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([
      expect.objectContaining({
        file: 'dir/some.file',
        line,
        message: expect.stringMatching(/^skipped: not a Kubernetes object/),
      }),
    ]);
  });

  it('formats a problem as file:line:column with the source line and a caret', () => {
    const [problem] = parseManifestText(
      `kind: Pod\nmetadata:\n  name: p\n  name: q\n`,
      'pods/p.yaml',
    ).errors;
    const text = formatProblem(problem);
    expect(text.split('\n')).toEqual([
      expect.stringMatching(
        /^pods\/p\.yaml:4:3: YAML syntax error: Map keys must be unique/,
      ),
      '      name: q',
      '      ^',
    ]);
    expect(
      formatProblem({
        file: 'x.yaml',
        message: 'cannot read: permission denied',
      }),
    ).toBe('x.yaml: cannot read: permission denied');
  });
});

describe('findManifestFiles and readManifests', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  it('walks folders recursively in name order, keeping *.yaml, *.yml and *.json and leaving dot entries out', () => {
    dir.write(
      'b.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n',
    );
    dir.write(
      'a/z.yml',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: z}\n',
    );
    dir.write(
      'a/y.JSON',
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"y"}}',
    );
    dir.write('a/readme.md', '# not a manifest');
    dir.write('.github/workflows/ci.yml', 'on: push\n');
    dir.write(
      'a/.hidden.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: hidden}\n',
    );
    const io = captureIo();
    const found = findManifestFiles([dir.root], io);
    expect(found.errors).toEqual([]);
    expect(found.files).toEqual([
      dir.path('a/y.JSON'),
      dir.path('a/z.yml'),
      dir.path('b.yaml'),
    ]);
    const read = readManifests([dir.root], io);
    expect(kinds(read.objects)).toEqual([
      'Namespace/y',
      'Namespace/z',
      'Namespace/b',
    ]);
  });

  it('reads each file once, and a file named explicitly whatever its extension', () => {
    const a = dir.write(
      'm/a.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n',
    );
    const txt = dir.write(
      'other.txt',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: t}\n',
    );
    const read = readManifests([dir.path('m'), a, txt, txt], captureIo());
    expect(read.errors).toEqual([]);
    expect(read.files).toEqual([a, txt]);
    expect(kinds(read.objects)).toEqual(['Namespace/a', 'Namespace/t']);
  });

  it('reads standard input for "-"', () => {
    const read = readManifests(
      ['-'],
      captureIo({ stdin: '{"apiVersion":"v1","kind":"List","items":[]}' }),
    );
    expect(read.errors).toEqual([]);
    expect(kinds(read.objects)).toEqual(['List/']);
  });

  it('collects every problem, each naming its file', () => {
    dir.write(
      'ok.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n',
    );
    dir.write(
      'broken.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n name: b\n',
    );
    dir.write('broken.json', '{"kind": }');
    dir.write('empty/notes.txt', 'nothing here');
    const read = readManifests(
      [dir.root, dir.path('missing.yaml'), dir.path('empty')],
      captureIo(),
    );
    expect(read.errors.map(e => [e.file, e.line])).toEqual([
      [dir.path('missing.yaml'), undefined],
      [dir.path('empty'), undefined],
      [dir.path('broken.json'), 1],
      [dir.path('broken.yaml'), 5],
    ]);
    expect(read.errors[0].message).toBe(
      'cannot read: no such file or directory',
    );
    expect(read.errors[1].message).toMatch(/no manifests/);
    expect(kinds(read.objects)).toEqual(['Namespace/a']);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a": "b\\x"}', 9],
    ['{"a": 01}', 7],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
    ['{a: 1}', 1],
    ['', 0],
  ])('finds where %j stops being JSON (%i)', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {"c": ""}} ',
    '"s"',
    '0',
  ])('agrees with JSON.parse that %j is valid', text => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });
});
