/*
 * The fleet part of `npm run bench` (--fleet, --fleet-only): finds
 * PostgreSQL the way CI does, runs bench/fleetBench.ts in a child, and
 * turns its result into the table rows and the targets of issue 17.
 *
 * Plain CommonJS, used by scripts/bench.mjs.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { runChild } = require('./childProcess.js');

const TARGETS = { passRatio: 0.45, shareDeviation: 0.2, overlaps: 0 };
/** Small on purpose: a scan waits on the simulated network far longer than it computes (see fleetClusters.ts). */
const CLUSTER_SIZE = { namespaces: 8, pods: 24, policies: 6 };
const POSTGRES_ENV = [17, 16, 15].map(v => `BACKSTAGE_TEST_DATABASE_POSTGRES${v}_CONNECTION_STRING`);

/** The connection string CI's scripts/ensure-postgres.sh exports; runs that script when none is set. */
function postgresConnection(root, log) {
  const set = POSTGRES_ENV.map(name => process.env[name]).find(Boolean);
  if (set) return set;
  log('  fleet: no PostgreSQL connection string set; running scripts/ensure-postgres.sh...');
  const run = spawnSync('bash', [path.join(root, 'scripts/ensure-postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const m = /_CONNECTION_STRING=(\S+)/.exec(run.stdout ?? '');
  if (run.status !== 0 || !m) throw new Error(`scripts/ensure-postgres.sh failed (exit ${run.status}); set ${POSTGRES_ENV[0]} or run it yourself`);
  return m[1];
}

async function runFleet(opts, root, log) {
  const replicas = [...new Set(opts.fleetReplicas)].sort((a, b) => a - b);
  const postgres = postgresConnection(root, log);
  log(
    `  fleet: ${opts.fleetClusters} clusters (${CLUSTER_SIZE.namespaces} namespaces, ${CLUSTER_SIZE.pods} pods each), ` +
      `${opts.fleetLatencyMs} ms a request, replicas ${replicas.join(',')}, clusterConcurrency ${opts.fleetClusterConcurrency} each...`,
  );
  const { result } = await runChild('fleetBench.ts', {
    clusters: opts.fleetClusters,
    latencyMs: opts.fleetLatencyMs,
    replicas,
    seed: opts.seed,
    size: CLUSTER_SIZE,
    clusterConcurrency: opts.fleetClusterConcurrency,
    requestConcurrency: 4,
    checkIntervalSeconds: 2,
    postgres,
    logDir: path.join(opts.out, 'logs'),
    passTimeoutMs: 15 * 60_000,
    startAllowance: { baseMs: 15_000, perReplicaMs: 10_000 },
  });
  return { ...result, settings: { clusterSize: CLUSTER_SIZE, requestConcurrency: 4, checkIntervalSeconds: 2, cores: os.availableParallelism?.() ?? os.cpus().length } };
}

const pct = x => (x === undefined ? '-' : `${(x * 100).toFixed(0)}%`);

function oldestAge(run) {
  const fromStatus = run.status.map(s => s.fleet?.oldestReportAgeMs).find(v => v !== undefined);
  return { fromStatus, fromLogs: run.oldestReportAgeFromLogsMs };
}

/** The fleet table: one row per replica count. */
function fleetRows(fleet, fmtMs) {
  const one = fleet.runs.find(r => r.replicas === 1 && !r.error);
  const rows = [['fleet pass (replicas)', 'pass time', 'vs 1 replica', 'clusters per replica', 'max share dev.', 'overlaps', 'oldest report', 'first scans spread', 'cpu/scan', 'cpu use', 'requests/scan']];
  for (const run of fleet.runs) {
    if (run.error) {
      rows.push([`${run.replicas} (FAILED)`, run.error.split('\n')[0].slice(0, 120)]);
      continue;
    }
    const p = run.pass;
    const age = oldestAge(run);
    const cores = fleet.settings.cores;
    rows.push([
      `${run.replicas}${p.complete ? '' : ` (INCOMPLETE: ${p.withReport}/${p.clusters})`}`,
      fmtMs(p.passMs),
      one?.pass.passMs && p.passMs ? `${(p.passMs / one.pass.passMs).toFixed(2)}x` : '-',
      p.shares.map(s => s.scanned).join(' / '),
      run.replicas > 1 ? pct(Math.max(...p.shares.map(s => s.deviation))) : '-',
      `${p.overlaps}${p.rescanned ? ` (${p.rescanned} rescanned)` : ''}`,
      age.fromStatus !== undefined ? `${fmtMs(age.fromStatus)} (status)` : `${fmtMs(age.fromLogs)} (logs)`,
      fmtMs(run.firstScanSpreadMs),
      fmtMs(run.cpu.perScanMs),
      p.passMs ? pct(run.cpu.totalMs / (p.passMs * cores)) : '-',
      run.requests.perScan.toFixed(1),
    ]);
  }
  return rows;
}

/** Issue 17's targets, reported, never asserted. */
function fleetTargets(fleet, fmtMs) {
  const out = [];
  const one = fleet.runs.find(r => r.replicas === 1 && !r.error);
  const three = fleet.runs.find(r => r.replicas === 3 && !r.error);
  const ratio = one?.pass.passMs && three?.pass.passMs ? three.pass.passMs / one.pass.passMs : undefined;
  out.push([
    `fleet: 3 replicas' pass / 1 replica's <= ${TARGETS.passRatio} (${fmtMs(three?.pass.passMs)} / ${fmtMs(one?.pass.passMs)})`,
    ratio === undefined ? '-' : `${ratio.toFixed(2)}x`,
    ratio === undefined ? 'not measured' : ratio <= TARGETS.passRatio ? 'met' : 'MISSED',
  ]);
  for (const run of fleet.runs) {
    if (run.error) {
      out.push([`fleet ${run.replicas} replicas: the run`, 'failed', 'not measured']);
      continue;
    }
    const p = run.pass;
    if (run.replicas > 1) {
      const dev = Math.max(...p.shares.map(s => s.deviation));
      out.push([`fleet ${run.replicas} replicas: each share within ${pct(TARGETS.shareDeviation)} of an even split (${p.shares.map(s => pct(s.share)).join(' / ')})`, pct(dev), dev <= TARGETS.shareDeviation ? 'met' : 'MISSED']);
    }
    out.push([`fleet ${run.replicas} replica${run.replicas > 1 ? 's' : ''}: scans of one cluster overlapping in time = 0`, String(p.overlaps), p.overlaps === TARGETS.overlaps ? 'met' : 'MISSED']);
    if (!p.complete) out.push([`fleet ${run.replicas} replicas: every cluster scanned`, `${p.withReport}/${p.clusters}`, 'MISSED']);
  }
  return out;
}

module.exports = { runFleet, fleetRows, fleetTargets, FLEET_TARGETS: TARGETS };
