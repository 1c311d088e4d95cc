/**
 * Child process: end to end over HTTP, three processes apart.
 *
 *   this process (the client) --> backend child --> demo cluster child
 *
 * 1. Warm-up: one direct listing (the demo cluster serializes each object
 *    once and caches it, so every later listing is served alike).
 * 2. A full scan, `POST /api/netpol-compliance/scan?wait=true`, on a fresh
 *    backend: its time, its listing window (see backendProcess.ts), the
 *    backend's RSS high-water mark (/proc VmHWM) and heap peak (--trace-gc).
 * 3. `listingReps` times, alternating: a direct paged listing of the same
 *    collections from the demo cluster, and the same listing through the
 *    kubernetes backend's proxy; same client code as the plugin's
 *    KubernetesBackendClient (fetch, text, JSON.parse, `limit`/`continue`,
 *    the same page size and concurrency), items kept as the scanner keeps
 *    them (snapshot records made as each page arrives).
 * 4. Latency of the entity endpoint and of the overview's first page over
 *    the stored report: the first (cold) request, then `latencyRequests`
 *    sequential requests, median and p95.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENFORCER_CONFIGMAPS, LISTED_RESOURCES } from '@netpol/plugin-netpol-compliance-backend';
import { toSnapshotRecords } from '@netpol/plugin-netpol-compliance-common';
import { readMeta } from './pagesFile';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startChild, heapPeak, procMemory } = require('./childProcess.js');

const CLUSTER_TOKEN = 'bench-cluster-token';
const BENCH_TOKEN = 'netpol-bench-static-token';

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const rank = Math.ceil((p / 100) * s.length) - 1;
  return s[Math.min(s.length - 1, Math.max(0, rank))];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function limiter(concurrency: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    if (active >= concurrency || !queue.length) return;
    active++;
    queue.shift()!();
  };
  return <T>(fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push(() => {
        fn()
          .then(resolve, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

interface ListingResult {
  ms: number;
  requests: number;
  bytes: number;
  items: number;
  encodings: string[];
}

/**
 * Lists what the scanner lists, the way KubernetesBackendClient does it:
 * discovery, then each collection page by page, `concurrency` lists at once.
 */
async function listCluster(
  base: string,
  headers: Record<string, string>,
  pageSize: number,
  concurrency: number,
): Promise<ListingResult> {
  const started = performance.now();
  let requests = 0;
  let bytes = 0;
  const encodings = new Set<string>();
  const get = async (p: string) => {
    requests++;
    const res = await fetch(`${base}${p}`, { headers });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status}: ${text.slice(0, 200)}`);
    encodings.add(res.headers.get('content-encoding') ?? 'identity');
    bytes += text.length;
    return JSON.parse(text);
  };
  const groups = new Set<string>(((await get('/apis')).groups ?? []).map((g: { name: string }) => g.name));
  const records: unknown[] = [];
  const list = async (p: string, kind: string, apiVersion: string) => {
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (token) query.set('continue', token);
      const page = await get(`${p}${p.includes('?') ? '&' : '?'}${query}`);
      for (const item of page.items) records.push(toSnapshotRecords(item, kind, apiVersion));
      token = page.metadata?.continue || undefined;
    } while (token);
  };
  const limit = limiter(concurrency);
  await Promise.all([
    ...LISTED_RESOURCES.filter(r => !r.requiresGroup || groups.has(r.requiresGroup)).map(r => limit(() => list(r.path, r.kind, r.apiVersion))),
    ...ENFORCER_CONFIGMAPS.map(cm =>
      limit(() =>
        list(`/api/v1/namespaces/${cm.namespace}/configmaps?fieldSelector=${encodeURIComponent(`metadata.name=${cm.name}`)}`, 'ConfigMap', 'v1'),
      ),
    ),
  ]);
  return { ms: performance.now() - started, requests, bytes, items: records.length, encodings: [...encodings] };
}

async function timedGet(url: string, headers: Record<string, string>) {
  const t = performance.now();
  const res = await fetch(url, { headers });
  const text = await res.text();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return { ms, bytes: text.length, body: text, encoding: res.headers.get('content-encoding') ?? 'identity' };
}

function latencyStats(times: number[], bytes: number[]) {
  return {
    requests: times.length,
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
    meanBytes: bytes.reduce((a, b) => a + b, 0) / Math.max(1, bytes.length),
  };
}

export async function main(args: {
  file: string;
  logDir: string;
  pageSize: number;
  concurrency: number;
  listingReps: number;
  latencyRequests: number;
  backendHeapMiB: number;
  /** The plugin's scan worker heap limit, when not its default (XL). */
  scanWorkerHeapMb?: number;
  /** backendProcess compiled to JavaScript, run without the transform (see scripts/bench.mjs). */
  backendModule?: string;
  /** Extra node flags for the backend (e.g. --cpu-prof). */
  backendExecArgv?: string[];
}) {
  const meta = readMeta(args.file);
  fs.mkdirSync(args.logDir, { recursive: true });
  const log = (name: string) => {
    const file = path.join(args.logDir, `${meta.cluster}-${name}.log`);
    fs.writeFileSync(file, '');
    return file;
  };
  const demo = startChild('demoClusterProcess.ts', { file: args.file, token: CLUSTER_TOKEN }, {
    execArgv: ['--max-old-space-size=12000'],
    logFile: log('demo-cluster'),
  });
  let backend: any;
  // SQLite files, so that a restarted backend finds its reports.
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-db-'));
  try {
    const demoReady = await demo.waitFor('ready');
    const startBackend = (logName: string) =>
      startChild(
        args.backendModule ?? 'backendProcess.ts',
        {
          clusterName: meta.cluster,
          clusterUrl: demoReady.url,
          clusterToken: CLUSTER_TOKEN,
          benchToken: BENCH_TOKEN,
          entitiesFile: `${args.file}.entities.json`,
          netpolCompliance: {
            pageSize: args.pageSize,
            requestConcurrency: args.concurrency,
            ...(args.scanWorkerHeapMb ? { scanWorkerHeapMb: args.scanWorkerHeapMb } : {}),
          },
          databaseDir,
        },
        {
          execArgv: [`--max-old-space-size=${args.backendHeapMiB}`, ...(args.backendExecArgv ?? [])],
          traceGc: true,
          logFile: log(logName),
          ...(args.backendModule ? { env: { NETPOL_BENCH_PLAIN: '1' } } : {}),
        },
      );
    backend = startBackend('backend');
    const backendReady = await backend.waitFor('ready');
    const api = `${backendReady.baseUrl}/api/netpol-compliance`;
    const auth = { Authorization: `Bearer ${BENCH_TOKEN}` };
    const direct = { base: demoReady.url, headers: { Authorization: `Bearer ${CLUSTER_TOKEN}` } };
    const proxied = {
      base: `${backendReady.baseUrl}/api/kubernetes/proxy`,
      headers: { ...auth, 'Backstage-Kubernetes-Cluster': meta.cluster },
    };

    // 1. Warm-up.
    const warmup = await listCluster(direct.base, direct.headers, args.pageSize, args.concurrency);

    // 2. Two scans: the first on a fresh backend (cold: modules loaded on
    // first use, JIT, keys), the second warm, as every later scheduled scan.
    const runScan = async (duringScan?: string) => {
      await backend.request('reset-listing');
      const memBefore = procMemory(backend.pid);
      const probeBefore = await backend.request('probe');
      await backend.request('event-loop-reset');
      const scanStarted = performance.now();
      let scanning = true;
      const scanReq = fetch(`${api}/scan?wait=true`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
      // Requests served while the scan runs: one entity every 100 ms.
      const during: number[] = [];
      const prober = (async () => {
        while (duringScan && scanning) {
          during.push((await timedGet(duringScan, auth)).ms);
          await new Promise(r => setTimeout(r, 100));
        }
      })();
      const scanRes = await scanReq;
      const scanBody = await scanRes.json();
      const scanMs = performance.now() - scanStarted;
      scanning = false;
      await prober;
      const eventLoop = await backend.request('event-loop');
      const probeAfter = await backend.request('probe');
      const memAfter = procMemory(backend.pid);
      if (!scanRes.ok) throw new Error(`scan failed: HTTP ${scanRes.status} ${JSON.stringify(scanBody)}`);
      const clusterResult = scanBody.clusters?.find((c: any) => c.name === meta.cluster);
      if (!clusterResult?.ok) throw new Error(`scan of ${meta.cluster} failed: ${clusterResult?.error ?? JSON.stringify(scanBody)}`);
      return {
        ms: scanMs,
        scannerDurationMs: clusterResult?.durationMs,
        listingWindowMs: probeAfter.listing.last - probeAfter.listing.first,
        beforeListingMs: probeAfter.listing.first - probeBefore.now,
        afterListingMs: probeBefore.now + scanMs - probeAfter.listing.last,
        proxyRequests: probeAfter.listing.requests,
        backendCpuMs: probeAfter.cpuMs - probeBefore.cpuMs,
        rssBefore: memBefore.rss,
        rssAfter: memAfter.rss,
        peakRss: memAfter.peakRss,
        heapUsedAfter: probeAfter.memory.heapUsed,
        window: { start: probeBefore.now, end: probeAfter.now },
        eventLoop,
        entityDuringScan: during.length ? latencyStats(during, []) : undefined,
      };
    };
    const entities: Array<{ kind: string; metadata: { name: string; annotations?: Record<string, string> } }> = JSON.parse(
      fs.readFileSync(`${args.file}.entities.json`, 'utf8'),
    );
    const components = entities.filter(e => e.kind === 'Component').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const step = Math.max(1, Math.floor(components.length / 40));
    const sample = components.filter((_, i) => i % step === 0).slice(0, 40);
    const entityUrl = (e: (typeof sample)[number]) => `${api}/entity/component/default/${encodeURIComponent(e.metadata.name)}`;

    const scan = await runScan();
    // The second scan runs while an entity page is being read (the first report is stored by now).
    const warmScan = await runScan(entityUrl(sample[1]));

    // What one request costs beyond the wire: a tiny request direct and
    // proxied, and what minting the plugin's token and discovery cost alone.
    const tiny = '/api/v1/namespaces?limit=1';
    const tinyDirect: number[] = [];
    const tinyProxied: number[] = [];
    for (let i = 0; i < 40; i++) {
      tinyDirect.push((await timedGet(`${direct.base}${tiny}`, direct.headers)).ms);
      tinyProxied.push((await timedGet(`${proxied.base}${tiny}`, proxied.headers)).ms);
    }
    const fixedCosts = await backend.request('fixed-costs', { n: 40 });

    // 3. Direct vs proxied listings, alternating.
    const directRuns: ListingResult[] = [];
    const proxiedRuns: ListingResult[] = [];
    for (let i = 0; i < args.listingReps; i++) {
      directRuns.push(await listCluster(direct.base, direct.headers, args.pageSize, args.concurrency));
      proxiedRuns.push(await listCluster(proxied.base, proxied.headers, args.pageSize, args.concurrency));
    }

    // 4. Latencies over the stored report.
    const entityCold = await timedGet(entityUrl(sample[0]), auth);
    const entityTimes: number[] = [];
    const entityBytes: number[] = [];
    let entityNamespaces = 0;
    for (let i = 0; i < args.latencyRequests; i++) {
      const r = await timedGet(entityUrl(sample[i % sample.length]), auth);
      entityTimes.push(r.ms);
      entityBytes.push(r.bytes);
      if (i < sample.length) {
        const body = JSON.parse(r.body);
        entityNamespaces += body.clusters.reduce((n: number, c: any) => n + c.namespaces.length, 0);
      }
    }
    const overviewUrl = `${api}/overview?limit=50`;
    const overviewCold = await timedGet(overviewUrl, auth);
    const overviewTimes: number[] = [];
    const overviewBytes: number[] = [];
    for (let i = 0; i < args.latencyRequests; i++) {
      const r = await timedGet(overviewUrl, auth);
      overviewTimes.push(r.ms);
      overviewBytes.push(r.bytes);
    }
    const overviewBody = JSON.parse(overviewCold.body);
    const status = JSON.parse((await timedGet(`${api}/status`, auth)).body);

    const demoMemory = procMemory(demo.pid);
    const backendFinal = procMemory(backend.pid);
    await backend.stop();
    const gcEvents = backend.gcEvents as Array<{ at: number }>;

    // 5. A restart: the first overview and entity answers of a fresh
    // backend over the stored reports (the indexes are read from the database).
    backend = startBackend('backend-restarted');
    const restartedReady = await backend.waitFor('ready');
    const restartedApi = `${restartedReady.baseUrl}/api/netpol-compliance`;
    const afterRestart = {
      overviewColdMs: (await timedGet(`${restartedApi}/overview?limit=50`, auth)).ms,
      overviewSecondMs: (await timedGet(`${restartedApi}/overview?limit=50`, auth)).ms,
      entityColdMs: (await timedGet(`${restartedApi}/entity/component/default/${encodeURIComponent(sample[2].metadata.name)}`, auth)).ms,
      rss: procMemory(backend.pid).rss,
    };
    await backend.stop();
    return {
      cluster: meta.cluster,
      pageSize: args.pageSize,
      concurrency: args.concurrency,
      demo: { loadMs: demoReady.loadMs, counts: demoReady.counts, rss: demoMemory.rss, peakRss: demoMemory.peakRss },
      backend: {
        startMs: backendReady.startMs,
        peakRssAtEnd: backendFinal.peakRss,
        heapPeakScan: heapPeak(gcEvents, scan.window.start, scan.window.end),
        heapPeakWarmScan: heapPeak(gcEvents, warmScan.window.start, warmScan.window.end),
        heapPeakAll: heapPeak(gcEvents),
      },
      warmup,
      scan,
      warmScan,
      afterRestart,
      perRequest: {
        tinyDirectMedianMs: median(tinyDirect),
        tinyProxiedMedianMs: median(tinyProxied),
        ...fixedCosts,
      },
      listing: {
        direct: directRuns,
        proxied: proxiedRuns,
        directMedianMs: median(directRuns.map(r => r.ms)),
        proxiedMedianMs: median(proxiedRuns.map(r => r.ms)),
      },
      entity: {
        entities: sample.length,
        namespacesInFirstRound: entityNamespaces,
        coldMs: entityCold.ms,
        encoding: entityCold.encoding,
        ...latencyStats(entityTimes, entityBytes),
      },
      overview: {
        coldMs: overviewCold.ms,
        total: overviewBody.total,
        rows: overviewBody.rows?.length,
        ...latencyStats(overviewTimes, overviewBytes),
      },
      storedClusters: status.clusters?.map((c: any) => ({ name: c.name, namespaces: c.namespaces, lastError: c.lastError, durationMs: c.durationMs })),
    };
  } finally {
    await backend?.stop();
    await demo.stop();
    fs.rmSync(databaseDir, { recursive: true, force: true });
  }
}
