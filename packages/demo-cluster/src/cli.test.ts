import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseClusterSpec, parseForbidRule, runCli } from './cli';
import { getJson } from './__testUtils__/http';

const NAMESPACE_YAML = (name: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: ${name} }\n`;

describe('command line', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cluster-cli-'));
    for (const name of ['alpha', 'beta']) {
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'all.yaml'), NAMESPACE_YAML(name));
    }
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('parses --cluster and --forbid specs', () => {
    expect(parseClusterSpec('prod=examples/clusters/prod-eu:6443')).toEqual({
      name: 'prod',
      dir: 'examples/clusters/prod-eu',
      port: 6443,
    });
    expect(parseClusterSpec('dev=some/dir')).toEqual({
      name: 'dev',
      dir: 'some/dir',
      port: 0,
    });
    expect(() => parseClusterSpec('nodir')).toThrow(/name=folder/);
    expect(parseForbidRule('pods:kube-system:list')).toEqual({
      resource: 'pods',
      namespace: 'kube-system',
      verb: 'list',
    });
    expect(parseForbidRule('pods::get')).toEqual({
      resource: 'pods',
      verb: 'get',
    });
  });

  it('starts one cluster per --cluster and prints one line each with its URL', async () => {
    const out: string[] = [];
    const clusters = await runCli(
      [
        '--cluster',
        `a=${path.join(root, 'alpha')}`,
        '--cluster',
        `b=${path.join(root, 'beta')}:0`,
        '--token',
        'secret',
        '--forbid',
        'pods:beta',
        '--fault',
        '{"path":"/api/v1/configmaps","status":500}',
      ],
      { out: l => out.push(l), err: () => {} },
    );
    try {
      expect(out).toHaveLength(2);
      expect(out[0]).toMatch(
        /^cluster a listening on http:\/\/127\.0\.0\.1:\d+ \(2 objects from /,
      );
      expect(out[1]).toContain(`cluster b listening on ${clusters[1].url} `);
      const auth = { Authorization: 'Bearer secret' };
      const a = await getJson(
        `${clusters[0].url}/api/v1/namespaces/alpha/pods`,
        auth,
      );
      expect(a.body.items.map((i: any) => i.metadata.name)).toEqual(['p']);
      // `pods:beta` also forbids cluster-wide pod lists (they span beta).
      expect(
        (await getJson(`${clusters[0].url}/api/v1/pods`, auth)).status,
      ).toBe(403);
      expect((await getJson(`${clusters[1].url}/api/v1/pods`)).status).toBe(
        401,
      );
      expect(
        (await getJson(`${clusters[1].url}/api/v1/namespaces/beta/pods`, auth))
          .status,
      ).toBe(403);
      expect(
        (await getJson(`${clusters[1].url}/api/v1/configmaps`, auth)).status,
      ).toBe(500);
    } finally {
      await Promise.all(clusters.map(c => c.stop()));
    }
  });

  it('serves every sub-folder of --clusters-dir', async () => {
    const out: string[] = [];
    const clusters = await runCli(['--clusters-dir', root], {
      out: l => out.push(l),
      err: () => {},
    });
    try {
      expect(clusters.map(c => c.name)).toEqual(['alpha', 'beta']);
      expect(out.map(l => l.split(' ')[1])).toEqual(['alpha', 'beta']);
    } finally {
      await Promise.all(clusters.map(c => c.stop()));
    }
  });

  it('fails clearly without anything to serve or with a missing folder', async () => {
    const io = { out: () => {}, err: () => {} };
    await expect(runCli([], io)).rejects.toThrow(/nothing to serve/);
    await expect(
      runCli(['--dir', path.join(root, 'missing')], io),
    ).rejects.toThrow(/folder not found/);
  });

  /** The bin as a child process, and a way to wait for its output lines. */
  function spawnBin(args: string[]) {
    const bin = path.resolve(__dirname, '../bin/demo-cluster.js');
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const waiters: Array<() => void> = [];
    const collect = (d: Buffer) => {
      output += d;
      for (const w of waiters) w();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const exited = new Promise<number | null>(resolve =>
      child.on('exit', code => resolve(code)),
    );
    /** The first whole output line, after `from`, that matches. */
    const line = (pattern: RegExp, from = 0) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const found = output
            .slice(from)
            .split('\n')
            .slice(0, -1)
            .find(l => pattern.test(l));
          if (found !== undefined) resolve(found);
        };
        waiters.push(check);
        check();
        void exited.then(code =>
          reject(new Error(`exited ${code}: ${output}`)),
        );
      });
    return { child, exited, line, offset: () => output.length };
  }

  it('runs as bin/demo-cluster.js and stops on SIGTERM', async () => {
    const bin = spawnBin(['--dir', path.join(root, 'alpha'), '--port', '0']);
    try {
      const line = await bin.line(/listening on/);
      expect(line).toMatch(
        /^cluster alpha listening on http:\/\/127\.0\.0\.1:\d+ /,
      );
      const url = /(http:\/\/\S+)/.exec(line)![1];
      const { status, body } = await getJson(`${url}/api/v1/namespaces/alpha`);
      expect(status).toBe(200);
      expect(body.kind).toBe('Namespace');

      bin.child.kill('SIGTERM');
      expect(await bin.exited).toBe(0);
    } finally {
      if (bin.child.exitCode === null) bin.child.kill('SIGKILL');
    }
  }, 30_000);

  it('reloads every folder on SIGHUP, says what changed, and survives a bad file', async () => {
    const bin = spawnBin([
      '--cluster',
      `alpha=${path.join(root, 'alpha')}`,
      '--cluster',
      `beta=${path.join(root, 'beta')}`,
    ]);
    try {
      const alphaUrl = /(http:\/\/\S+)/.exec(
        await bin.line(/^cluster alpha listening/),
      )![1];
      await bin.line(/^cluster beta listening/);
      const pods = async () =>
        (await getJson(`${alphaUrl}/api/v1/pods`)).body.items.map(
          (i: any) => i.metadata.name,
        );
      expect(await pods()).toEqual(['p']);

      fs.appendFileSync(
        path.join(root, 'alpha', 'all.yaml'),
        '---\napiVersion: v1\nkind: Pod\nmetadata: { name: q, namespace: alpha }\n',
      );
      let from = bin.offset();
      bin.child.kill('SIGHUP');
      expect(await bin.line(/^cluster alpha reloaded/, from)).toMatch(
        /^cluster alpha reloaded \(resourceVersion (\d+) -> (\d+)\): added v1 Pod alpha\/q$/,
      );
      expect(await bin.line(/^cluster beta reloaded/, from)).toMatch(
        /no object changed/,
      );
      expect(await pods()).toEqual(['p', 'q']);

      const bad = path.join(root, 'alpha', 'all.yaml');
      fs.writeFileSync(bad, 'kind: [\n');
      from = bin.offset();
      bin.child.kill('SIGHUP');
      expect(await bin.line(/^cluster alpha: reload failed/, from)).toContain(
        'still serving the last good manifests',
      );
      expect(await bin.line(new RegExp(`^  ${bad}: `), from)).toBeTruthy();
      expect(await pods()).toEqual(['p', 'q']);
      expect(bin.child.exitCode).toBeNull();
    } finally {
      bin.child.kill('SIGKILL');
    }
  }, 30_000);

  it('reloads a folder when one of its files changes with --watch', async () => {
    const out: string[] = [];
    let heard: () => void = () => {};
    const clusters = await runCli(
      ['--dir', path.join(root, 'alpha'), '--watch'],
      {
        out: l => {
          out.push(l);
          heard();
        },
        err: () => {},
      },
    );
    try {
      const reloaded = new Promise<void>(resolve => {
        heard = resolve;
      });
      // The pod removed, the namespace kept.
      fs.writeFileSync(
        path.join(root, 'alpha', 'all.yaml'),
        NAMESPACE_YAML('alpha').split('---')[0],
      );
      await reloaded;
      expect(out[out.length - 1]).toMatch(
        /^cluster alpha reloaded .*: removed v1 Pod alpha\/p$/,
      );
      const { body } = await getJson(`${clusters[0].url}/api/v1/pods`);
      expect(body.items).toEqual([]);
    } finally {
      await Promise.all(clusters.map(c => c.stop()));
    }
  });
});
