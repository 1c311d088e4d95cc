#!/usr/bin/env node
/*
 * npm run bench [-- --sizes S,M,L] [--e2e S,L] [--seed N] [--reps N]
 *               [--requests 200] [--listing-reps N] [--page-size 500]
 *               [--profile] [--from-source] [--out bench-output]
 *               [--fleet | --fleet-only] [--fleet-clusters 150] [--fleet-latency-ms 200]
 *               [--fleet-replicas 1,2,3] [--fleet-cluster-concurrency 2]
 *
 * The netpol-compliance benchmark. For each size, in fresh child processes:
 *   1. generate the cluster (seeded) and write its list pages as the API
 *      server sends them (cached in bench-output/cache by seed and sources);
 *   2. the engine in process: JSON.parse of the pages (the floor), snapshot,
 *      evaluateCluster, reachability, and the memory of a scan-like pass;
 *   3. for the --e2e sizes (default S and L): a real Backstage backend with
 *      the kubernetes backend and the plugin scanning the demo cluster over
 *      HTTP, direct vs proxied listings, entity and overview latencies.
 *   4. with --fleet (or --fleet-only, no sizes): the fleet simulation of
 *      issue 17, N small demo clusters with a per-request latency scanned
 *      by 1, 2 and 3 backend replicas on one PostgreSQL (bench/fleetBench.ts;
 *      PostgreSQL as CI gets it, scripts/ensure-postgres.sh).
 * Prints a table per size and the targets; writes everything as JSON to
 * bench-output/. Reports, never asserts: the exit code is 0 unless a part
 * crashed. See docs/benchmarks.md.
 */
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { runChild, heapPeak } = require(path.join(root, 'bench/childProcess.js'));
const { runFleet, fleetRows, fleetTargets } = require(path.join(root, 'bench/fleetReport.js'));

const DEFAULTS = {
  sizes: ['S', 'M', 'L'],
  e2e: ['S', 'M', 'L'],
  seed: 20250601,
  pageSize: 500,
  concurrency: 4,
  requests: 200,
  out: path.join(root, 'bench-output'),
  fleet: false,
  fleetClusters: 150,
  // A remote cluster's round trip through the kubernetes proxy. On two
  // cores a small cluster's scan costs about 0.2 s of backend CPU, so at
  // 40 ms three replicas already use most of both cores and the pass is
  // bound by the CPU they share, not by the clusters (docs/benchmarks.md,
  // Fleet); at 200 ms the latency bounds it, as it does for replicas on
  // machines of their own.
  fleetLatencyMs: 200,
  fleetReplicas: [1, 2, 3],
  fleetClusterConcurrency: 2,
};
const REPS = { S: 5, M: 3, L: 2, XL: 1 };
const LISTING_REPS = { S: 3, M: 3, L: 2, XL: 1 };
const TARGETS = {
  evaluationOverParse: 1,
  peakMemoryBytes: 1.0 * 1024 ** 3,
  proxyOverhead: 1.3,
  entityP95Ms: 20,
  entityDuringScanP95Ms: 50,
  overviewMs: 100,
  eventLoopMaxMs: 100,
  eventLoopP99Ms: 20,
};
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function usage(message) {
  if (message) console.error(`${message}\n`);
  console.error(
    'usage: npm run bench -- [--sizes S,M,L] [--e2e S,L|none] [--seed N] [--reps N] [--requests N]\n' +
      '                        [--listing-reps N] [--page-size N] [--profile] [--from-source] [--out DIR]\n' +
      '                        [--fleet | --fleet-only] [--fleet-clusters N] [--fleet-latency-ms N]\n' +
      '                        [--fleet-replicas 1,2,3] [--fleet-cluster-concurrency N]',
  );
  process.exit(message ? 2 : 0);
}

function positiveInt(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} needs a positive integer, got ${value}`);
  return n;
}

function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') usage();
    if (arg === '--profile') {
      opts.profile = true;
      continue;
    }
    if (arg === '--from-source') {
      opts.fromSource = true;
      continue;
    }
    if (arg === '--fleet' || arg === '--fleet-only') {
      opts.fleet = true;
      if (arg === '--fleet-only') opts.sizes = [];
      continue;
    }
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m) usage(`unexpected argument ${arg}`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (value === undefined) usage(`--${m[1]} needs a value`);
    const list = () => (value === 'none' ? [] : value.split(',').map(s => s.trim().toUpperCase()).filter(Boolean));
    switch (m[1]) {
      case 'sizes':
        opts.sizes = list();
        break;
      case 'e2e':
        opts.e2e = list();
        break;
      case 'seed':
        opts.seed = Number(value);
        break;
      case 'reps':
        opts.reps = Number(value);
        break;
      case 'requests':
        opts.requests = Number(value);
        break;
      case 'listing-reps':
        opts.listingReps = Number(value);
        break;
      case 'page-size':
        opts.pageSize = Number(value);
        break;
      case 'out':
        opts.out = path.resolve(value);
        break;
      case 'fleet-clusters':
        opts.fleetClusters = positiveInt(value, m[1]);
        break;
      case 'fleet-latency-ms':
        opts.fleetLatencyMs = Number(value);
        if (!(opts.fleetLatencyMs >= 0)) usage('--fleet-latency-ms is a number of ms');
        break;
      case 'fleet-replicas':
        opts.fleetReplicas = value.split(',').map(v => positiveInt(v.trim(), m[1]));
        break;
      case 'fleet-cluster-concurrency':
        opts.fleetClusterConcurrency = positiveInt(value, m[1]);
        break;
      default:
        usage(`unknown option --${m[1]}`);
    }
  }
  for (const s of [...opts.sizes, ...opts.e2e]) if (!['S', 'M', 'L', 'XL'].includes(s)) usage(`unknown size ${s}`);
  return opts;
}

// ---------------------------------------------------------------------------
// Formatting

const fmtMs = ms => {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
};
const fmtBytes = b => {
  if (b === undefined || b === null) return '-';
  if (b >= GiB) return `${(b / GiB).toFixed(2)} GiB`;
  if (b >= MiB) return `${(b / MiB).toFixed(0)} MiB`;
  return `${(b / 1024).toFixed(0)} KiB`;
};
const fmtN = n => n.toLocaleString('en-US');
const ratio = (a, b) => (a && b ? a / b : undefined);
const fmtRatio = r => (r === undefined ? '-' : `${r.toFixed(2)}x`);

function table(rows) {
  const widths = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows
    .map(r => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd())
    .join('\n');
}

// ---------------------------------------------------------------------------

function sourcesHash() {
  const files = ['bench/generateCluster.ts', 'bench/prng.ts', 'bench/pagesFile.ts', 'packages/demo-cluster/src/store.ts', 'packages/demo-cluster/src/paging.ts'];
  const h = crypto.createHash('sha1');
  for (const f of files) h.update(fs.readFileSync(path.join(root, f)));
  return h.digest('hex').slice(0, 10);
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    defaultHeapLimitMiB: Math.round(require('node:v8').getHeapStatistics().heap_size_limit / MiB),
  };
}

async function prepare(size, opts, log) {
  const cacheDir = path.join(opts.out, 'cache');
  const file = path.join(cacheDir, `${size}-seed${opts.seed}-p${opts.pageSize}-${sourcesHash()}.pages`);
  if (fs.existsSync(file) && fs.existsSync(`${file}.meta.json`) && fs.existsSync(`${file}.entities.json`)) {
    log(`  cluster ${size}: cached ${path.relative(root, file)}`);
    return { file, cached: true };
  }
  log(`  cluster ${size}: generating (seed ${opts.seed})...`);
  const { result } = await runChild('prepare.ts', { size, seed: opts.seed, file, pageSize: opts.pageSize }, { execArgv: ['--max-old-space-size=12000'] });
  log(`  cluster ${size}: generated in ${fmtMs(result.generateMs)}, pages written in ${fmtMs(result.writeMs)}`);
  return { file, cached: false, generateMs: result.generateMs, writeMs: result.writeMs };
}

/**
 * The backend loads our packages as they are published (their dist/, built
 * here first), unless `--from-source`: see bench/builtPackages.js.
 */
function builtArgs(opts) {
  return opts.fromSource ? [] : ['--require', path.join(root, 'bench/builtPackages.js')];
}

/** Their CommonJS only (the `cli` role's output): no declarations, so no `tsc` first. */
function buildPackages(log) {
  for (const dir of ['plugins/netpol-compliance-common', 'plugins/netpol-compliance-backend', 'packages/demo-cluster']) {
    const run = spawnSync(path.join(root, 'node_modules/.bin/backstage-cli'), ['package', 'build', '--role', 'cli'], {
      cwd: path.join(root, dir),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`building ${dir} failed:\n${run.stdout}${run.stderr}`);
  }
  log('  built the common, backend and demo-cluster packages (the backend loads their dist/; --from-source for src/)');
}

/**
 * The backend's own bench module as plain CommonJS (SWC, as the Backstage
 * CLI compiles), so that its process runs without the TypeScript transform:
 * the transform registers module hooks, and every ESM `import()` then waits
 * on them synchronously. The kubernetes backend imports ESM on its first
 * proxied request, and under the hooks that stalled the event loop for up
 * to 100 ms in the first scan (a CPU profile of it, docs/benchmarks.md).
 */
function compileBackendProcess() {
  const swc = require(path.join(root, 'node_modules/@swc/core'));
  const { code } = swc.transformFileSync(path.join(root, 'bench/backendProcess.ts'), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  // Inside the repository, wherever --out points: its imports resolve from here.
  const file = path.join(root, 'bench-output', 'build', 'backendProcess.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

/**
 * CPU profiles into bench-output/profiles/. The backend is started twice
 * (the restart) with these flags, so its files keep Node's default names,
 * which hold the process id, and are not overwritten by the restart's.
 */
function profileArgs(opts, name) {
  if (!opts.profile) return [];
  const dir = path.join(opts.out, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const named = name.startsWith('backend') ? [] : [`--cpu-prof-name=${name}-${Date.now()}.cpuprofile`];
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...named];
}

async function engine(size, file, opts, log) {
  const reps = opts.reps ?? REPS[size];
  log(`  engine ${size}: ${reps} repetitions...`);
  const { result, gcEvents } = await runChild('engineBench.ts', { file, reps }, {
    execArgv: ['--max-old-space-size=12000', '--expose-gc', ...profileArgs(opts, `engine-${size}`)],
    traceGc: true,
  });
  const scan = result.marks.find(m => m.phase === 'scan-pass');
  const phasePeaks = {};
  for (const m of result.marks) {
    const p = heapPeak(gcEvents, m.start, m.end);
    const prev = phasePeaks[m.phase];
    if (!prev || p.usedMiB > prev.usedMiB) phasePeaks[m.phase] = p;
  }
  const cpu = {};
  for (const m of result.marks) (cpu[m.phase] ??= []).push(m.cpuMs);
  return { ...result, heapPeakScanPass: heapPeak(gcEvents, scan.start, scan.end), heapPeakAll: heapPeak(gcEvents), phasePeaks, cpuMs: cpu };
}

async function e2e(size, file, opts, log) {
  log(`  end to end ${size}: demo cluster + backend + scan...`);
  const { result } = await runChild(
    'e2eBench.ts',
    {
      file,
      logDir: path.join(opts.out, 'logs'),
      pageSize: opts.pageSize,
      concurrency: opts.concurrency,
      listingReps: opts.listingReps ?? LISTING_REPS[size],
      latencyRequests: opts.requests,
      backendHeapMiB: 12000,
      // XL (250,000 pods) is beyond Kubernetes' limit of 150,000 pods per
      // cluster, which the plugin's default worker heap is sized for.
      scanWorkerHeapMb: size === 'XL' ? 2047 : undefined,
      // Built: the backend's module compiled, run without the transform.
      backendModule: opts.fromSource ? undefined : compileBackendProcess(),
      backendExecArgv: [...builtArgs(opts), ...profileArgs(opts, `backend-${size}`)],
    },
    { execArgv: ['--max-old-space-size=12000'] },
  );
  return result;
}

function printSize(size, r, log) {
  const m = r.engine.meta;
  const s = m.stats;
  const e = r.engine;
  log('');
  log(`== ${size}: ${fmtN(s.namespaces)} namespaces, ${fmtN(s.pods)} pods, ${fmtN(s.policies)} NetworkPolicies (seed ${m.seed}) ==`);
  const pods = m.lists.find(l => l.kind === 'Pod');
  log(
    `   ${fmtN(e.counts.controllers)} controllers, ${fmtN(e.summary.workloads)} workloads, ${s.namespacesWithoutPolicy} namespaces without policy; ` +
      `wire: ${fmtBytes(m.bytes)} in ${m.pages} pages of ${m.pageSize} (pods ${fmtBytes(pods?.bytes)}, ${fmtN(Math.round((pods?.bytes ?? 0) / Math.max(1, pods?.items ?? 1)))} B each)`,
  );
  const cpuMedian = phase => {
    const v = (e.cpuMs[phase] ?? []).filter(x => x !== undefined).sort((a, b) => a - b);
    return v.length ? v[v.length >> 1] : undefined;
  };
  const reach = e.evaluateMs.median - e.evaluateNoReachMs.median;
  const rows = [
    ['engine, in process', `median of ${e.reps}`, 'cpu', 'cold (scan pass)'],
    ['JSON.parse of the list pages (floor)', fmtMs(e.parseMs.median), fmtMs(cpuMedian('parse')), fmtMs(e.scanPass.parseMs)],
    ['buildClusterSnapshot', fmtMs(e.snapshotMs.median), fmtMs(cpuMedian('snapshot')), fmtMs(e.scanPass.snapshotMs)],
    ['evaluateCluster (every control, evidence, reach)', fmtMs(e.evaluateMs.median), fmtMs(cpuMedian('evaluate')), fmtMs(e.scanPass.evaluateMs)],
    ['  of which reachability (vs reachability:false)', fmtMs(reach), '', ''],
    [
      `reachability pass, checkReachability x ${fmtN(e.reachPass.queries)}`,
      fmtMs(e.reachPass.indexMs + e.reachPass.queriesMs),
      '',
      `index ${fmtMs(e.reachPass.indexMs)}, ${(e.reachPass.queriesMs * 1000 / Math.max(1, e.reachPass.queries)).toFixed(0)} us/query`,
    ],
    ['report JSON.stringify (what the store writes)', fmtMs(e.scanPass.stringifyMs), '', fmtBytes(e.scanPass.reportBytes)],
    [
      `validation, validateObject x ${fmtN(e.validation?.objects ?? 0)} policy objects`,
      fmtMs(e.validation?.medianMs),
      '',
      `${(e.validation?.usPerObject ?? 0).toFixed(1)} us/object, ${fmtN(e.validation?.invalid ?? 0)} invalid`,
    ],
    ['evaluation / parse', fmtRatio(ratio(e.evaluateMs.median, e.parseMs.median)), '', `(snapshot+evaluate)/parse ${fmtRatio(ratio(e.snapshotMs.median + e.evaluateMs.median, e.parseMs.median))}`],
    ['scan-like pass memory (parse+snapshot+evaluate, all alive)', '', '', ''],
    ['  peak RSS / heap peak (used, committed)', fmtBytes(e.scanMemory.peakRss), '', `${fmtBytes(e.heapPeakScanPass.usedMiB * MiB)}, ${fmtBytes(e.heapPeakScanPass.committedMiB * MiB)}`],
  ];
  log(table(rows));
  const x = r.e2e;
  if (!x) return;
  const w = x.warmScan;
  log('');
  log(
    table([
      ['end to end (real backend, kubernetes proxy, demo cluster)', 'cold scan', 'warm scan', 'notes'],
      ['full scan, POST /scan?wait=true', fmtMs(x.scan.ms), fmtMs(w.ms), `backend cpu ${fmtMs(x.scan.backendCpuMs)} / ${fmtMs(w.backendCpuMs)}, ${w.proxyRequests} proxied requests`],
      ['  listing window (first to last proxied response)', fmtMs(x.scan.listingWindowMs), fmtMs(w.listingWindowMs), `before it: ${fmtMs(x.scan.beforeListingMs)} / ${fmtMs(w.beforeListingMs)}`],
      ['  after listing (snapshot, evaluate, store)', fmtMs(x.scan.afterListingMs), fmtMs(w.afterListingMs), ''],
      [`direct paged listing from the demo cluster (median of ${x.listing.direct.length})`, fmtMs(x.listing.directMedianMs), '', `${x.listing.direct[0].requests} requests, ${fmtBytes(x.listing.direct[0].bytes)}, page size ${x.pageSize}, ${x.concurrency} at once`],
      [`same listing through the kubernetes proxy (median of ${x.listing.proxied.length})`, fmtMs(x.listing.proxiedMedianMs), '', `content-encoding ${x.listing.proxied[0].encodings.join('+')}`],
      ['scan listing / direct listing', fmtRatio(ratio(x.scan.listingWindowMs, x.listing.directMedianMs)), fmtRatio(ratio(w.listingWindowMs, x.listing.directMedianMs)), `proxied/direct ${fmtRatio(ratio(x.listing.proxiedMedianMs, x.listing.directMedianMs))}`],
      ['full scan / direct listing', fmtRatio(ratio(x.scan.ms, x.listing.directMedianMs)), fmtRatio(ratio(w.ms, x.listing.directMedianMs)), ''],
      ['backend peak RSS (VmHWM after the scan)', fmtBytes(x.scan.peakRss), fmtBytes(w.peakRss), `RSS before the first scan ${fmtBytes(x.scan.rssBefore)}`],
      ['backend event-loop delay during the scan, max / p99', evl(x.scan.eventLoop), evl(w.eventLoop), 'perf_hooks.monitorEventLoopDelay in the backend'],
      ['entity endpoint while the scan runs, p95', '', fmtMs(w.entityDuringScan?.p95Ms), w.entityDuringScan ? `median ${fmtMs(w.entityDuringScan.medianMs)}, max ${fmtMs(w.entityDuringScan.maxMs)}, ${w.entityDuringScan.requests} requests` : ''],
      ['backend heap peak during the scan (--trace-gc)', fmtBytes(x.backend.heapPeakScan.usedMiB * MiB), fmtBytes(x.backend.heapPeakWarmScan.usedMiB * MiB), ''],
      [`entity endpoint, ${x.entity.requests} requests over ${x.entity.entities} entities`, `p95 ${fmtMs(x.entity.p95Ms)}`, '', `median ${fmtMs(x.entity.medianMs)}, cold ${fmtMs(x.entity.coldMs)}, ${fmtBytes(x.entity.meanBytes)} avg`],
      [`overview first page (limit=50), ${x.overview.requests} requests`, `p95 ${fmtMs(x.overview.p95Ms)}`, '', `median ${fmtMs(x.overview.medianMs)}, cold ${fmtMs(x.overview.coldMs)}, ${fmtN(x.overview.total)} rows`],
      ...(x.afterRestart
        ? [['after a restart: first overview / first entity', fmtMs(x.afterRestart.overviewColdMs), fmtMs(x.afterRestart.entityColdMs), `second overview ${fmtMs(x.afterRestart.overviewSecondMs)}`]]
        : []),
      ...(x.perRequest
        ? [[
            'per request: proxied - direct (tiny GET, median of 40)',
            fmtMs(x.perRequest.tinyProxiedMedianMs - x.perRequest.tinyDirectMedianMs),
            '',
            `direct ${fmtMs(x.perRequest.tinyDirectMedianMs)}; alone: token ${fmtMs(x.perRequest.tokenMs)}, discovery ${fmtMs(x.perRequest.discoveryMs)} (both now once a minute)`,
          ]]
        : []),
    ]),
  );
}

const evl = e => (e ? `${fmtMs(e.maxMs)} / ${fmtMs(e.p99Ms)}` : '-');

/** How time and memory grow with the cluster: per pod and per policy, for each size run. */
function growth(results) {
  const rows = [['growth', 'pods', 'policies', 'snapshot+evaluate', 'per 1k pods', 'per 1k policies', 'scan-pass RSS', 'per 1k pods', 'e2e warm scan', 'per 1k pods', 'backend VmHWM']];
  for (const [size, r] of Object.entries(results)) {
    const e = r.engine;
    if (!e) continue;
    const s = e.meta.stats;
    const ms = e.snapshotMs.median + e.evaluateMs.median;
    const w = r.e2e?.warmScan;
    rows.push([
      size,
      fmtN(s.pods),
      fmtN(s.policies),
      fmtMs(ms),
      fmtMs((ms * 1000) / s.pods),
      fmtMs((ms * 1000) / s.policies),
      fmtBytes(e.scanMemory.peakRss),
      fmtBytes((e.scanMemory.peakRss * 1000) / s.pods),
      w ? fmtMs(w.ms) : '-',
      w ? fmtMs((w.ms * 1000) / s.pods) : '-',
      w ? fmtBytes(w.peakRss) : '-',
    ]);
  }
  return rows;
}

function targets(results) {
  const out = [];
  const verdict = (value, limit, lower = true) => (value === undefined ? 'not measured' : (lower ? value <= limit : value < limit) ? 'met' : 'MISSED');
  for (const [size, r] of Object.entries(results)) {
    const e = r.engine;
    if (!e) continue;
    const v = ratio(e.evaluateMs.median, e.parseMs.median);
    out.push([`${size} evaluation / parse <= ${TARGETS.evaluationOverParse}`, fmtRatio(v), verdict(v, TARGETS.evaluationOverParse)]);
  }
  const big = results.L;
  if (big) {
    const peak = big.e2e?.warmScan.peakRss;
    out.push([`L backend peak RSS over two scans (VmHWM) < 1.0 GiB`, fmtBytes(peak), peak === undefined ? 'not measured (no e2e L)' : verdict(peak, TARGETS.peakMemoryBytes, false)]);
    if (big.engine) {
      out.push([`L peak memory, engine only (scan-like pass RSS, all in one thread)`, fmtBytes(big.engine.scanMemory.peakRss), 'reported']);
    }
    const x = big.e2e;
    if (x) {
      for (const [name, scan] of [['cold', x.scan], ['warm', x.warmScan]]) {
        out.push([`L event-loop delay during the ${name} scan, max < ${TARGETS.eventLoopMaxMs} ms`, fmtMs(scan.eventLoop?.maxMs), verdict(scan.eventLoop?.maxMs, TARGETS.eventLoopMaxMs, false)]);
        out.push([`L event-loop delay during the ${name} scan, p99 < ${TARGETS.eventLoopP99Ms} ms`, fmtMs(scan.eventLoop?.p99Ms), verdict(scan.eventLoop?.p99Ms, TARGETS.eventLoopP99Ms, false)]);
      }
      out.push([`L entity p95 while an L scan runs < ${TARGETS.entityDuringScanP95Ms} ms`, fmtMs(x.warmScan.entityDuringScan?.p95Ms), verdict(x.warmScan.entityDuringScan?.p95Ms, TARGETS.entityDuringScanP95Ms, false)]);
      out.push([`L overview first page, cold after a scan < ${TARGETS.overviewMs} ms`, fmtMs(x.overview.coldMs), verdict(x.overview.coldMs, TARGETS.overviewMs, false)]);
      out.push([`L overview first page, cold after a restart < ${TARGETS.overviewMs} ms`, fmtMs(x.afterRestart?.overviewColdMs), verdict(x.afterRestart?.overviewColdMs, TARGETS.overviewMs, false)]);
    }
  }
  for (const [size, r] of Object.entries(results)) {
    const x = r.e2e;
    if (!x) continue;
    const scanRatio = ratio(x.warmScan.listingWindowMs, x.listing.directMedianMs);
    const coldRatio = ratio(x.scan.listingWindowMs, x.listing.directMedianMs);
    const proxiedRatio = ratio(x.listing.proxiedMedianMs, x.listing.directMedianMs);
    if (size === 'S') {
      // Milliseconds in all: the ratio says little; the extra time per request does.
      const perRequest = (x.listing.proxiedMedianMs - x.listing.directMedianMs) / Math.max(1, x.listing.direct[0].requests);
      out.push([`S proxy: extra time per listing request (ratios ${fmtRatio(coldRatio)} cold, ${fmtRatio(scanRatio)} warm, ${fmtRatio(proxiedRatio)} listing)`, fmtMs(perRequest), 'reported']);
    } else {
      out.push([`${size} proxy overhead: warm scan listing / direct <= ${TARGETS.proxyOverhead}`, fmtRatio(scanRatio), verdict(scanRatio, TARGETS.proxyOverhead)]);
      out.push([`${size} proxy overhead: cold scan listing / direct <= ${TARGETS.proxyOverhead}`, fmtRatio(coldRatio), verdict(coldRatio, TARGETS.proxyOverhead)]);
      out.push([`${size} proxy overhead: proxied / direct listing <= ${TARGETS.proxyOverhead}`, fmtRatio(proxiedRatio), verdict(proxiedRatio, TARGETS.proxyOverhead)]);
    }
    out.push([`${size} entity endpoint p95 < ${TARGETS.entityP95Ms} ms`, fmtMs(x.entity.p95Ms), verdict(x.entity.p95Ms, TARGETS.entityP95Ms, false)]);
    out.push([`${size} overview first page p95 < ${TARGETS.overviewMs} ms`, fmtMs(x.overview.p95Ms), verdict(x.overview.p95Ms, TARGETS.overviewMs, false)]);
    out.push([`${size} overview first page, cold < ${TARGETS.overviewMs} ms`, fmtMs(x.overview.coldMs), verdict(x.overview.coldMs, TARGETS.overviewMs, false)]);
  }
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(opts.out, { recursive: true });
  const log = line => process.stdout.write(`${line}\n`);
  const started = new Date();
  const info = machine();
  log(`netpol-compliance bench: sizes ${opts.sizes.join(',') || 'none'}, end to end ${opts.e2e.filter(s => opts.sizes.includes(s)).join(',') || 'none'}`);
  log(`machine: ${info.nproc} cpus (${info.cpuModel}), ${fmtBytes(info.memoryBytes)}, node ${info.node}, load ${os.loadavg().map(l => l.toFixed(2)).join(' ')}`);
  const results = {};
  const loads = { start: os.loadavg() };
  const partial = () => ({
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: info,
    loadAverage: loads,
    options: { ...opts, out: undefined },
    results,
  });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const writeOutput = (output, inProgress) => {
    const file = path.join(opts.out, `bench-${stamp}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...output, inProgress }, null, 2));
    if (!inProgress) fs.writeFileSync(path.join(opts.out, 'latest.json'), JSON.stringify(output, null, 2));
    return file;
  };
  if (!opts.fromSource && opts.e2e.some(s => opts.sizes.includes(s))) buildPackages(log);
  for (const size of opts.sizes) {
    const t = performance.now();
    const prep = await prepare(size, opts, log);
    const result = { prepare: prep };
    results[size] = result;
    try {
      result.engine = await engine(size, prep.file, opts, log);
    } catch (e) {
      result.engineError = e.message;
      log(`  engine ${size} FAILED: ${e.message}`);
    }
    if (opts.e2e.includes(size)) {
      try {
        result.e2e = await e2e(size, prep.file, opts, log);
      } catch (e) {
        result.e2eError = e.message;
        log(`  end to end ${size} FAILED: ${e.message}`);
      }
    }
    result.wallMs = performance.now() - t;
    result.loadAfter = os.loadavg();
    if (result.engine) printSize(size, result, log);
    writeOutput(partial(), true);
    log(`   (${size} took ${fmtMs(result.wallMs)}; load average after: ${result.loadAfter.map(l => l.toFixed(2)).join(' ')})`);
  }
  if (opts.fleet) {
    const t = performance.now();
    try {
      results.fleet = await runFleet(opts, root, log);
      log('');
      log(`== fleet: ${results.fleet.clusters} clusters, ${opts.fleetLatencyMs} ms a request, clusterConcurrency ${opts.fleetClusterConcurrency} per replica ==`);
      log(table(fleetRows(results.fleet, fmtMs)));
    } catch (e) {
      results.fleetError = e.message;
      log(`  fleet FAILED: ${e.message}`);
    }
    log(`   (fleet took ${fmtMs(performance.now() - t)}; load average after: ${os.loadavg().map(l => l.toFixed(2)).join(' ')})`);
    writeOutput(partial(), true);
  }
  loads.end = os.loadavg();
  if (opts.sizes.length) {
    log('');
    log('== growth (medians; per 1k pods or policies) ==');
    log(table(growth(results)));
  }
  log('');
  log('== targets (reported, not asserted) ==');
  const t = [...targets(results), ...(results.fleet ? fleetTargets(results.fleet, fmtMs) : [])];
  log(table(t));
  const file = writeOutput({ ...partial(), targets: t.map(([name, value, verdict]) => ({ name, value, verdict })) }, false);
  log('');
  log(`results: ${path.relative(process.cwd(), file)} (and bench-output/latest.json)`);
}

main().catch(e => {
  console.error(e.stack ?? e);
  process.exit(1);
});
