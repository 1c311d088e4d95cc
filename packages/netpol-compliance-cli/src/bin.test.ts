import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/netpol-compliance');
const REPO = path.resolve(__dirname, '../../..');

function runBin(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('bin/netpol-compliance', () => {
  it('scans examples/clusters/prod-eu: exit 1, legacy-billing failing NETPOL-001 in JSON', () => {
    const r = runBin([
      'scan',
      'examples/clusters/prod-eu',
      '--format',
      'json',
      '--cluster-name',
      'prod-eu',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toContainEqual(
      expect.objectContaining({
        control: 'NETPOL-001',
        status: 'fail',
        cluster: 'prod-eu',
        namespace: 'legacy-billing',
      }),
    );
    expect(out.findings).toContainEqual(
      expect.objectContaining({
        control: 'NETPOL-003',
        status: 'fail',
        namespace: 'legacy-billing',
        workload: 'Deployment/invoicer',
      }),
    );
    expect(
      out.clusters[0].namespaces
        .find((n: any) => n.namespace === 'shop')
        .results.every((r2: any) => r2.status === 'pass'),
    ).toBe(true);
  });

  it('reads standard input and exits 2 naming the line of a YAML error', () => {
    const r = runBin(
      ['scan', '-'],
      'kind: Namespace\nmetadata:\n  name: a\n name: b\n',
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: <stdin>:4:1: YAML syntax error:/);
  });
});
