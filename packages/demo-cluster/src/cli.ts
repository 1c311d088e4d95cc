/**
 * The `netpol-demo-cluster` command: starts one or more demo clusters from
 * manifest folders and keeps them running until SIGINT/SIGTERM.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ForbiddenRule } from './auth';
import { DemoCluster, startDemoCluster } from './cluster';
import { FaultRule } from './faults';
import { reloadReport } from './reloadReport';
import { ReloadResult } from './servedData';

export const USAGE = `Usage:
  netpol-demo-cluster --dir <folder> [--port <n>] [--name <name>] [options]
  netpol-demo-cluster --cluster <name>=<folder>[:<port>] [--cluster ...] [options]
  netpol-demo-cluster --clusters-dir <folder> [--port <first port>] [options]

Serves Kubernetes manifests (YAML, multi-document, kind: List) read-only in
the Kubernetes API wire format. Prints one line per cluster:
  cluster <name> listening on <url> (<n> objects from <folder>)

Options:
  --dir <folder>           manifests of a single cluster
  --cluster <spec>         name=folder[:port], repeatable (port 0 or none = random)
  --clusters-dir <folder>  one cluster per sub-folder, named after it, on
                           consecutive ports from --port (random without --port)
  --port <n>               port (default 0 = random)
  --host <host>            interface (default 127.0.0.1)
  --name <name>            cluster name for --dir (default: the folder name)
  --token <token>          accepted bearer token, repeatable (none = no auth)
  --forbid <rule>          403 for resource[:namespace[:verb]], repeatable,
                           e.g. --forbid pods:kube-system:list
  --fault <json>           fault rule as JSON (see FaultRule), repeatable,
                           e.g. --fault '{"pathRegex":"/pods","delayMs":500}'
  --watch                  reload a cluster when a file in its folder changes

Reloading: SIGHUP (kill -HUP <pid>) re-reads every cluster's folder; so
does --watch, per folder, on each change. A reload swaps the new objects in
at once and moves the resourceVersion forward (continue tokens from before
expire); it prints what changed. A folder with a bad file keeps serving its
last good objects and the error is printed.
  --help                   show this help
`;

interface ClusterSpec {
  name: string;
  dir: string;
  port: number;
  /** The folder as the user wrote it, for the startup line. */
  shown?: string;
}

/**
 * Resolves a folder given on the command line. npm runs package scripts in
 * the package folder, so a path relative to where the user typed
 * `npm start -w ...` (npm's INIT_CWD) is tried too.
 */
function resolveDir(dir: string): string {
  const fromCwd = path.resolve(dir);
  if (fs.existsSync(fromCwd)) return fromCwd;
  const initCwd = process.env.INIT_CWD;
  if (initCwd) {
    const fromInit = path.resolve(initCwd, dir);
    if (fs.existsSync(fromInit)) return fromInit;
  }
  throw new Error(`folder not found: ${dir}`);
}

function parsePort(raw: string, what: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new Error(`invalid port for ${what}: ${raw}`);
  }
  return Number(raw);
}

/** `name=folder[:port]`; the port is the part after the last colon, if numeric. */
export function parseClusterSpec(spec: string): ClusterSpec {
  const eq = spec.indexOf('=');
  if (eq <= 0)
    throw new Error(`invalid --cluster ${spec}: expected name=folder[:port]`);
  const name = spec.slice(0, eq);
  let dir = spec.slice(eq + 1);
  let port = 0;
  const colon = dir.lastIndexOf(':');
  if (colon >= 0 && /^\d+$/.test(dir.slice(colon + 1))) {
    port = parsePort(dir.slice(colon + 1), name);
    dir = dir.slice(0, colon);
  }
  if (!dir) throw new Error(`invalid --cluster ${spec}: no folder`);
  return { name, dir, port };
}

/** `resource[:namespace[:verb]]`, empty parts meaning "any". */
export function parseForbidRule(spec: string): ForbiddenRule {
  const [resource, namespace, verb] = spec.split(':');
  if (!resource)
    throw new Error(
      `invalid --forbid ${spec}: expected resource[:namespace[:verb]]`,
    );
  return {
    resource,
    ...(namespace ? { namespace } : {}),
    ...(verb ? { verb } : {}),
  };
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

function printReload(io: CliIo, cluster: string, result: ReloadResult) {
  const report = reloadReport(cluster, result);
  (report.failed ? io.err : io.out)(report.text);
}

/** What SIGHUP does: reload every cluster from its folder, one line each. */
export function reloadAll(clusters: readonly DemoCluster[], io: CliIo): void {
  for (const cluster of clusters)
    printReload(io, cluster.name, cluster.reload());
}

type CliValues = ReturnType<typeof parseCliArgs>;

function parseCliArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      dir: { type: 'string' },
      cluster: { type: 'string', multiple: true },
      'clusters-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      name: { type: 'string' },
      token: { type: 'string', multiple: true },
      forbid: { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      watch: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

/** The clusters to serve: --dir, each --cluster, each folder of --clusters-dir (ports counted up from --port). */
function clusterSpecs(values: CliValues): ClusterSpec[] {
  const basePort = values.port !== undefined ? parsePort(values.port, '--port') : 0;
  const specs: ClusterSpec[] = [];
  if (values.dir) {
    const dir = resolveDir(values.dir);
    specs.push({ name: values.name ?? path.basename(dir), dir, port: basePort, shown: values.dir });
  }
  for (const spec of values.cluster ?? []) {
    const parsed = parseClusterSpec(spec);
    specs.push({ ...parsed, dir: resolveDir(parsed.dir), shown: parsed.dir });
  }
  const clustersDir = values['clusters-dir'];
  if (clustersDir) {
    const root = resolveDir(clustersDir);
    const subdirs = fs
      .readdirSync(root, { withFileTypes: true })
      .filter(e => e.isDirectory() && !e.name.startsWith('.'))
      .map(e => e.name)
      .sort();
    subdirs.forEach((sub, i) => {
      specs.push({ name: sub, dir: path.join(root, sub), shown: path.join(clustersDir, sub), port: basePort ? basePort + i : 0 });
    });
  }
  if (specs.length === 0) {
    throw new Error(`nothing to serve: give --dir, --cluster or --clusters-dir\n\n${USAGE}`);
  }
  return specs;
}

function faultRules(values: CliValues): FaultRule[] {
  return (values.fault ?? []).map(json => {
    try {
      return JSON.parse(json) as FaultRule;
    } catch (e) {
      throw new Error(`invalid --fault ${json}: ${(e as Error).message}`);
    }
  });
}

/** Starts one cluster and says so, with a warning per object it could not serve. */
async function startOne(
  spec: ClusterSpec,
  values: CliValues,
  rules: { faults: FaultRule[]; forbidden: ReturnType<typeof parseForbidRule>[] },
  io: CliIo,
): Promise<DemoCluster> {
  const cluster = await startDemoCluster({
    name: spec.name,
    manifestsDir: spec.dir,
    port: spec.port,
    host: values.host,
    tokens: values.token,
    forbidden: rules.forbidden,
    faults: rules.faults,
    ...(values.watch
      ? {
          watch: {
            onReload: result => printReload(io, spec.name, result),
            onError: error => io.err(`warning: cluster ${spec.name}: no longer watching ${spec.dir}: ${error.message}`),
          },
        }
      : {}),
  });
  for (const ignored of cluster.ignoredObjects) {
    io.err(`warning: cluster ${spec.name}: ignoring ${ignored.kind} ${ignored.name}: ${ignored.reason}`);
  }
  const count = Object.values(cluster.objectCounts()).reduce((a, b) => a + b, 0);
  io.out(`cluster ${spec.name} listening on ${cluster.url} (${count} objects from ${spec.shown ?? spec.dir})`);
  return cluster;
}

/**
 * Runs the command. Resolves with the started clusters (already printed);
 * the caller decides how long to keep them (the bin waits for a signal).
 */
export async function runCli(
  argv: string[],
  io: CliIo = { out: console.log, err: console.error },
): Promise<DemoCluster[]> {
  const values = parseCliArgs(argv);
  if (values.help) {
    io.out(USAGE);
    return [];
  }
  const specs = clusterSpecs(values);
  // Bad rules are usage errors before any cluster starts.
  const rules = { faults: faultRules(values), forbidden: (values.forbid ?? []).map(parseForbidRule) };
  const started: DemoCluster[] = [];
  try {
    for (const spec of specs) started.push(await startOne(spec, values, rules, io));
  } catch (e) {
    await Promise.all(started.map(c => c.stop()));
    throw e;
  }
  return started;
}

/** Entry point of bin/demo-cluster.js: run, then stop cleanly on signals. */
export async function main(argv: string[]): Promise<void> {
  const io: CliIo = { out: console.log, err: console.error };
  let clusters: DemoCluster[];
  try {
    clusters = await runCli(argv, io);
  } catch (e) {
    console.error(`netpol-demo-cluster: ${(e as Error).message}`);
    process.exitCode = 1;
    return;
  }
  if (clusters.length === 0) return;
  const shutdown = async (signal: string) => {
    console.error(`netpol-demo-cluster: ${signal}, stopping`);
    await Promise.all(clusters.map(c => c.stop()));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => reloadAll(clusters, io));
}
