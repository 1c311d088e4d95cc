/**
 * Child process: the fleet simulation (issue 17). N small demo clusters,
 * each answering after a per-request latency (fleetClusters.ts), and for
 * each R in `replicas`: R real backends (backendProcess.ts) on one fresh
 * PostgreSQL database (a prefix of its own per run), the same per-replica
 * settings for every R. Background scans begin at one instant on every
 * replica; the bench reads each replica's own log lines (`Scan started`,
 * `Scanned in`, `Scan failed`, with `cluster` and `replica`) as they arrive
 * and ends the run when every cluster has been scanned (or the time is up).
 * Per R: the pass time, each replica's share, overlapping scans of one
 * cluster, the oldest report's age (from /status `fleet` when the backend
 * has it) and the CPU the replicas spent, to show the pass is not CPU-bound.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeFleetPass, parseScanEvent, type ScanEvent } from './fleetLog';
import { dropDatabases, fetchStatus, summarizeStatus } from './fleetStatus';
import type { ClusterSize } from './generateCluster';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startChild } = require('./childProcess.js');

const CLUSTER_TOKEN = 'netpol-fleet-cluster-token';
const BENCH_TOKEN = 'netpol-fleet-bench-token';

export interface FleetBenchArgs {
  clusters: number;
  latencyMs: number;
  replicas: number[];
  seed: number;
  size: ClusterSize;
  clusterConcurrency: number;
  requestConcurrency: number;
  checkIntervalSeconds: number;
  /** PostgreSQL connection string (scripts/ensure-postgres.sh). */
  postgres: string;
  logDir: string;
  /** A run that has not scanned every cluster this long after its start ends anyway. */
  passTimeoutMs: number;
  /** Time given to R backends to start before background scans begin: base + perReplica x R. */
  startAllowance: { baseMs: number; perReplicaMs: number };
}

type Cluster = { name: string; url: string };
type Ipc = { send(msg: object): Promise<void>; onRequest(type: string, handler: (msg: any) => unknown): void };

export async function main(args: FleetBenchArgs, _ipc: Ipc) {
  fs.mkdirSync(args.logDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const entitiesFile = path.join(args.logDir, 'fleet-entities.json');
  fs.writeFileSync(entitiesFile, '[]'); // no catalog: the pass is about clusters
  const demo = startChild(
    'fleetClusters.ts',
    { count: args.clusters, latencyMs: args.latencyMs, seed: args.seed, token: CLUSTER_TOKEN, size: args.size, prefix: 'fleet' },
    { logFile: logFile(args.logDir, 'fleet-clusters') },
  );
  try {
    const ready = await demo.waitFor('ready');
    const runs = [];
    for (const replicas of args.replicas) {
      try {
        runs.push(await runReplicas(replicas, ready.clusters, { ...args, entitiesFile, stamp }, demo));
      } catch (e) {
        // One replica count failing leaves the others' figures.
        runs.push({ replicas, error: (e as Error).message.slice(0, 2000) });
      }
    }
    return { clusters: ready.clusters.length, objectsPerCluster: ready.objectsPerCluster, runs };
  } finally {
    await demo.stop();
  }
}

/** A fresh log file (the child's output is appended to it). */
function logFile(dir: string, name: string): string {
  const file = path.join(dir, `${name}.log`);
  fs.rmSync(file, { force: true });
  return file;
}

type RunArgs = FleetBenchArgs & { entitiesFile: string; stamp: string };

function startReplica(name: string, clusters: Cluster[], database: object, scansStartAt: number, args: RunArgs, events: ScanEvent[]) {
  return startChild(
    'backendProcess.ts',
    {
      clusters,
      clusterToken: CLUSTER_TOKEN,
      benchToken: BENCH_TOKEN,
      entitiesFile: args.entitiesFile,
      database,
      scansStartAt,
      netpolCompliance: {
        schedule: { frequency: { hours: 24 }, timeout: { minutes: 30 }, initialDelay: { seconds: 2 } },
        fleet: { checkInterval: { seconds: args.checkIntervalSeconds } },
        clusterConcurrency: args.clusterConcurrency,
        requestConcurrency: args.requestConcurrency,
        notifications: { enabled: false },
      },
    },
    {
      // JSON log lines (Backstage's root logger in production), one per event.
      env: { NODE_ENV: 'production' },
      logFile: logFile(args.logDir, `fleet-${name}`),
      onLine: (line: string, at: number) => {
        const event = parseScanEvent(line, at, name);
        if (event) events.push(event);
      },
    },
  );
}

async function runReplicas(count: number, clusters: Cluster[], args: RunArgs, demo: any) {
  const prefix = `netpol_fleet_${args.stamp}_r${count}_`;
  const database = { client: 'pg', connection: args.postgres, prefix };
  const events: ScanEvent[] = [];
  const names = Array.from({ length: count }, (_, i) => `r${count}-replica-${i + 1}`);
  const launchedAt = Date.now();
  const scansStartAt = launchedAt + args.startAllowance.baseMs + args.startAllowance.perReplicaMs * count;
  await demo.request('reset-requests');
  // The first replica alone migrates the fresh database: replicas migrating
  // one at the same time collide in Backstage's own migrations (the
  // scheduler's and auth's knex lock tables, a duplicate key in pg_type).
  const backends = [startReplica(names[0], clusters, database, scansStartAt, args, events)];
  try {
    const first = await backends[0].waitFor('ready');
    backends.push(...names.slice(1).map(name => startReplica(name, clusters, database, scansStartAt, args, events)));
    const readies = [first, ...(await Promise.all(backends.slice(1).map((b: any) => b.waitFor('ready'))))];
    const allReadyAt = Date.now();
    const cpuBefore = await Promise.all(backends.map((b: any) => b.request('probe')));
    const names0 = clusters.map(c => c.name);
    const endedAt = await waitForPass(events, names0, scansStartAt + args.passTimeoutMs);
    // Right at the end, as the replicas see the fleet (absent before issue 17's backend).
    const statuses = await Promise.all(readies.map((r: any) => fetchStatus(r.baseUrl, BENCH_TOKEN)));
    const cpuAfter = await Promise.all(backends.map((b: any) => b.request('probe')));
    const pass = analyzeFleetPass(events, names0, names, endedAt);
    const requests: Record<string, number> = await demo.request('requests');
    const totalRequests = Object.values(requests).reduce((a, b) => a + b, 0);
    const cpuMs = cpuAfter.map((a: any, i: number) => a.cpuMs - cpuBefore[i].cpuMs);
    const lastStart = Math.max(...names.map(n => Math.min(...events.filter(e => e.replica === n && e.kind === 'started').map(e => e.at))));
    return {
      replicas: count,
      prefix,
      startupMs: allReadyAt - launchedAt,
      readyBeforeScansMs: scansStartAt - allReadyAt,
      pass,
      // How far apart the replicas' first scans began (their first ticks).
      firstScanSpreadMs: Number.isFinite(lastStart) && pass.firstStartAt !== undefined ? lastStart - pass.firstStartAt : undefined,
      oldestReportAgeFromLogsMs: pass.firstStartAt !== undefined ? endedAt - pass.firstStartAt : undefined,
      status: statuses.map((s, i) => ({ name: names[i], ...summarizeStatus(s, pass.firstStartAt ?? 0) })),
      cpu: {
        perReplicaMs: cpuMs,
        totalMs: cpuMs.reduce((a: number, b: number) => a + b, 0),
        perScanMs: cpuMs.reduce((a: number, b: number) => a + b, 0) / Math.max(1, events.filter(e => e.kind === 'started').length),
      },
      requests: { total: totalRequests, perScan: totalRequests / Math.max(1, events.filter(e => e.kind === 'started').length) },
    };
  } finally {
    await Promise.all(backends.map((b: any) => b.stop()));
    await dropDatabases(args.postgres, prefix);
  }
}

/** Resolves with the time every cluster's scan ended (any outcome), or at `deadline`. */
async function waitForPass(events: ScanEvent[], clusters: string[], deadline: number): Promise<number> {
  const wanted = new Set(clusters);
  for (;;) {
    const ended = new Set(events.filter(e => e.kind !== 'started').map(e => e.cluster));
    const open = analyzeFleetPass(events, clusters, [], Date.now()).openScans;
    if ([...wanted].every(c => ended.has(c)) && open === 0) return Math.max(...events.map(e => e.at));
    if (Date.now() > deadline) return Date.now();
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}
