import { parseAllDocuments } from 'yaml';
import { captureIo } from './__testUtils__/testIo';
import { main, USAGE } from './main';

async function run(argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe('main', () => {
  it.each([
    [['--help'], /^Usage: netpol-compliance <command>/],
    [['-h'], /^Usage: netpol-compliance <command>/],
    [['help'], /^Usage: netpol-compliance <command>/],
    [['help', 'reach'], /^Usage: netpol-compliance reach /],
    [
      ['scan', '--help'],
      /^Usage: netpol-compliance scan <file\|dir>\.\.\. \[options\][\s\S]*--fail-on fail\|warning\|never/,
    ],
    [
      ['reach', '-h'],
      /^Usage: netpol-compliance reach <file\|dir>\.\.\. --queries <file\.json>/,
    ],
    [
      ['remediate', '--help'],
      /^Usage: netpol-compliance remediate <namespace>[\s\S]*--no-dns[\s\S]*--allow-same-namespace/,
    ],
    [['scan', 'some/dir', '--help'], /^Usage: netpol-compliance scan/],
  ])('prints help for %j on stdout and exits 0', async (argv, text) => {
    const r = await run(argv);
    expect(r).toEqual({
      code: 0,
      stdout: expect.stringMatching(text),
      stderr: '',
    });
  });

  it('prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it.each([
    [[], /^Usage: netpol-compliance/],
    [
      ['frobnicate'],
      /unknown command "frobnicate"\nRun "netpol-compliance --help" for usage\./,
    ],
    [['--frobnicate'], /unknown option --frobnicate/],
    [['help', 'frobnicate'], /unknown command "frobnicate"/],
    [
      ['scan'],
      /no manifest file or folder given\nRun "netpol-compliance scan --help" for usage\./,
    ],
    [
      ['scan', 'x', '--format', 'xml'],
      /invalid --format "xml": expected table, json/,
    ],
    [
      ['scan', 'x', '--fail-on', 'sometimes'],
      /invalid --fail-on "sometimes": expected fail, warning, never/,
    ],
    [['scan', 'x', '--fail-on'], /Option '--fail-on <value>' argument missing/],
    [['scan', 'x', '--cluster-name', ''], /--cluster-name must not be empty/],
    [['scan', 'x', '--enforcer', ' '], /--enforcer needs a reason/],
    [['scan', 'x', '--bogus'], /unknown option --bogus/],
    [['scan', '-', '-'], /"-" \(standard input\) given twice/],
    [['reach', 'x'], /--queries <file\.json> is required/],
    [['reach', '--queries', 'q.json'], /no manifest file or folder given/],
    [
      ['reach', '-', '--queries', '-'],
      /cannot hold both the manifests and the queries/,
    ],
    [['remediate'], /no namespace given/],
    [['remediate', 'a', 'b'], /one namespace expected, got 2/],
    [['remediate', 'Shop_1'], /invalid namespace name "Shop_1"/],
    [['remediate', 'shop', '--dns'], /unknown option --dns/],
  ])(
    'rejects %j with exit 2 and a message on stderr',
    async (argv, message) => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    },
  );

  it('shows the general usage when run without arguments', async () => {
    expect((await run([])).stderr).toBe(USAGE);
  });

  const policies = (yamlText: string) =>
    parseAllDocuments(yamlText).map(d => {
      const o = d.toJS();
      return `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`;
    });

  it.each([
    [[], ['default-deny-ingress', 'default-deny-egress', 'allow-dns-egress']],
    [['--no-dns'], ['default-deny-ingress', 'default-deny-egress']],
    [
      ['--allow-same-namespace'],
      [
        'default-deny-ingress',
        'default-deny-egress',
        'allow-dns-egress',
        'allow-same-namespace',
      ],
    ],
    [
      ['--no-dns', '--allow-same-namespace'],
      ['default-deny-ingress', 'default-deny-egress', 'allow-same-namespace'],
    ],
  ])(
    'remediate with %j prints those policies as YAML',
    async (flags, names) => {
      const r = await run(['remediate', 'shop', ...flags]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(policies(r.stdout)).toEqual(
        names.map(n => `NetworkPolicy shop/${n}`),
      );
    },
  );
});
