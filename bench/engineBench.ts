/**
 * Child process: the engine on one cluster size, in process, no HTTP.
 *
 * 1. A scan-like pass, as ClusterScanner.scan does it: parse each list page
 *    and turn its items into snapshot records at once (the raw page is then
 *    garbage), build the snapshot, evaluate, serialize the report (what the
 *    store writes). Its memory is "the whole scan" without the network; the
 *    parent reads the heap high-water mark from --trace-gc within the
 *    `scan-pass` window and the RSS peak is taken at its end.
 * 2. Timing passes (`reps` each, medians): JSON.parse of the pages (the
 *    floor: any evaluator must at least read the data), buildClusterSnapshot,
 *    evaluateCluster with everything on (evidence, policy YAML, remediation,
 *    reachability), the same without reachability (the difference is what
 *    reach costs inside evaluateCluster), and a separate reachability pass
 *    through the public checkReachability API: every workload from an
 *    address outside the cluster, and from a workload of another namespace.
 * 3. What validation costs: `validateObject` over every policy object of
 *    the pages (the snapshot pass above already includes it), as a median
 *    total and per object, beside the whole snapshot time per object.
 */
import {
  buildClusterSnapshot,
  ClusterReport,
  ClusterSnapshotBuilder,
  toSnapshotRecords,
  ClusterSnapshot,
  createReachabilityChecker,
  evaluateCluster,
  policyKindOf,
  validateObject,
} from '@netpol/plugin-netpol-compliance-common';
import { forEachPage, readMeta } from './pagesFile';

interface Mark {
  phase: string;
  start: number;
  end: number;
  /** CPU time of the process (all threads, GC helpers included) during the phase. */
  cpuMs?: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function gc() {
  const g = (globalThis as any).gc as undefined | (() => void);
  if (g) {
    g();
    g();
  }
}

function memory() {
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external + m.arrayBuffers,
  };
}

const COLLECTED_AT = '2025-06-01T00:00:00.000Z';

export async function main(args: {
  file: string;
  reps: number;
  evaluateOptions?: Record<string, unknown>;
}) {
  const meta = readMeta(args.file);
  const marks: Mark[] = [];
  const mark = <T>(phase: string, fn: () => T): { value: T; ms: number } => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const value = fn();
    const end = performance.now();
    const used = process.cpuUsage(cpu);
    marks.push({ phase, start, end, cpuMs: (used.user + used.system) / 1000 });
    return { value, ms: end - start };
  };
  /** Parses every page; `onPage` gets each parsed page (default: keep them all). */
  const readAndParse = (onPage?: (page: any) => void) => {
    const pages: unknown[] = [];
    let parseMs = 0;
    let chars = 0;
    const started = performance.now();
    forEachPage(args.file, text => {
      chars += text.length;
      const t = performance.now();
      const page = JSON.parse(text);
      parseMs += performance.now() - t;
      if (onPage) onPage(page);
      else pages.push(page);
    });
    return { pages, parseMs, wallMs: performance.now() - started, chars };
  };
  const cluster = { name: meta.cluster };
  const evalOptions = { ...(args.evaluateOptions ?? {}) };

  gc();
  const baseline = memory();

  // 1. The scan-like pass (cold: first run of every function).
  const scanStart = performance.now();
  const streamed = mark('scan-pass:parse+records', () => {
    const builder = new ClusterSnapshotBuilder({
      cluster,
      collectedAt: COLLECTED_AT,
    });
    const pass = readAndParse(page => {
      for (const record of toSnapshotRecords(page)) builder.add(record);
    });
    return { builder, ...pass };
  }).value;
  const read = {
    parseMs: streamed.parseMs,
    wallMs: streamed.wallMs,
    chars: streamed.chars,
  };
  const builtOnly = mark('scan-pass:snapshot', () => streamed.builder.build());
  // Snapshot time of the pass: the record conversion between parses, then the build.
  const built = {
    value: builtOnly.value,
    ms: streamed.wallMs - streamed.parseMs + builtOnly.ms,
  };
  const evaluated = mark('scan-pass:evaluate', () =>
    evaluateCluster(built.value.snapshot, evalOptions),
  );
  const serialized = mark('scan-pass:stringify', () =>
    JSON.stringify(evaluated.value),
  );
  const scanEnd = performance.now();
  marks.push({ phase: 'scan-pass', start: scanStart, end: scanEnd });
  const scanMemory = {
    ...memory(),
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
  const scanPass = {
    parseMs: read.parseMs,
    readWallMs: read.wallMs,
    snapshotMs: built.ms,
    evaluateMs: evaluated.ms,
    stringifyMs: serialized.ms,
    totalMs: scanEnd - scanStart,
    reportBytes: Buffer.byteLength(serialized.value),
    textChars: read.chars,
  };
  const snapshotCounts = (s: ClusterSnapshot) => ({
    namespaces: s.namespaces.length,
    pods: s.pods.length,
    controllers: s.controllers.length,
    networkPolicies: s.networkPolicies.length,
  });
  const counts = snapshotCounts(built.value.snapshot);
  const summary = summarise(evaluated.value);
  // Drop everything of pass 1 before the timing passes.
  (streamed as any).builder = undefined;
  (builtOnly as any).value = undefined;
  (built as any).value = undefined;
  (evaluated as any).value = undefined;
  (serialized as any).value = undefined;
  gc();

  // 2. Timing passes.
  const parseTimes: number[] = [];
  let pages: unknown[] | undefined;
  for (let i = 0; i < args.reps; i++) {
    pages = undefined;
    gc();
    const r = mark('parse', () => readAndParse()).value;
    parseTimes.push(r.parseMs);
    pages = r.pages;
  }
  const snapshotTimes: number[] = [];
  let snapshot: ClusterSnapshot | undefined;
  for (let i = 0; i < args.reps; i++) {
    snapshot = undefined;
    const r = mark('snapshot', () =>
      buildClusterSnapshot({
        cluster,
        collectedAt: COLLECTED_AT,
        objects: pages as Array<Record<string, any>>,
        missing: [],
      }),
    );
    snapshotTimes.push(r.ms);
    snapshot = r.value.snapshot;
  }
  const validation = validationCost(pages as any[], args.reps, mark);
  pages = undefined;
  gc();
  const afterSnapshotGc = memory();

  const evaluateTimes: number[] = [];
  let report: ClusterReport | undefined;
  for (let i = 0; i < args.reps; i++) {
    report = undefined;
    gc();
    const r = mark('evaluate', () => evaluateCluster(snapshot!, evalOptions));
    evaluateTimes.push(r.ms);
    report = r.value;
  }
  const noReachTimes: number[] = [];
  for (let i = 0; i < args.reps; i++) {
    gc();
    noReachTimes.push(
      mark('evaluate-no-reach', () =>
        evaluateCluster(snapshot!, { ...evalOptions, reachability: false }),
      ).ms,
    );
  }

  // A separate reachability pass through the public API.
  const checkerBuild = mark('reach-index', () =>
    createReachabilityChecker(snapshot!),
  );
  const check = checkerBuild.value;
  const workloads = report!.namespaces.flatMap(ns =>
    ns.workloads.map(w => ({ ns: ns.namespace, id: `${w.kind}/${w.name}` })),
  );
  const byNamespace = new Map<string, string[]>();
  for (const w of workloads) {
    let list = byNamespace.get(w.ns);
    if (!list) byNamespace.set(w.ns, (list = []));
    list.push(w.id);
  }
  const nsNames = [...byNamespace.keys()];
  // Source for "from another namespace": the first workload of the next namespace that has one.
  const sourceFor = new Map<string, { namespace: string; workload: string }>();
  nsNames.forEach((ns, i) => {
    const other = nsNames[(i + 1) % nsNames.length];
    if (other !== ns)
      sourceFor.set(ns, {
        namespace: other,
        workload: byNamespace.get(other)![0],
      });
  });
  let outsideAllowed = 0;
  let crossAllowed = 0;
  let queries = 0;
  let errors = 0;
  const reachPass = mark('reach-queries', () => {
    for (const w of workloads) {
      const to = { namespace: w.ns, workload: w.id };
      try {
        queries++;
        if (check({ from: { ip: '198.18.7.9' }, to }).allowed) outsideAllowed++;
        const from = sourceFor.get(w.ns);
        if (from) {
          queries++;
          if (check({ from, to }).allowed) crossAllowed++;
        }
      } catch {
        errors++;
      }
    }
  });

  const final = { ...memory(), peakRss: process.resourceUsage().maxRSS * 1024 };
  return {
    meta,
    counts,
    summary,
    baseline,
    scanPass,
    scanMemory,
    afterSnapshotGc,
    final,
    reps: args.reps,
    parseMs: { median: median(parseTimes), all: parseTimes },
    snapshotMs: { median: median(snapshotTimes), all: snapshotTimes },
    evaluateMs: { median: median(evaluateTimes), all: evaluateTimes },
    evaluateNoReachMs: { median: median(noReachTimes), all: noReachTimes },
    validation: {
      ...validation,
      snapshotUsPerObject:
        validation.objects > 0
          ? (median(snapshotTimes) * 1000) / countItems(meta, snapshot!)
          : 0,
    },
    reachPass: {
      indexMs: checkerBuild.ms,
      queriesMs: reachPass.ms,
      queries,
      errors,
      workloads: workloads.length,
      outsideAllowed,
      crossNamespaceAllowed: crossAllowed,
    },
    marks,
  };
}

/** The policy objects of the list pages, with the kind and apiVersion each is validated as. */
function policyItems(
  pages: any[],
): Array<{ kind: string; apiVersion: string; item: unknown }> {
  const out: Array<{ kind: string; apiVersion: string; item: unknown }> = [];
  for (const page of pages) {
    const listKind = typeof page?.kind === 'string' ? page.kind : '';
    if (!Array.isArray(page?.items)) continue;
    const kind = listKind.endsWith('List') ? listKind.slice(0, -4) : listKind;
    for (const item of page.items) {
      const itemKind = item?.kind ?? kind;
      const apiVersion = item?.apiVersion ?? page.apiVersion;
      if (policyKindOf(itemKind, apiVersion))
        out.push({ kind: itemKind, apiVersion, item });
    }
  }
  return out;
}

/** Median time to validate every policy object, and per object. */
function validationCost(
  pages: any[],
  reps: number,
  mark: <T>(phase: string, fn: () => T) => { value: T; ms: number },
) {
  const items = policyItems(pages);
  const times: number[] = [];
  let invalid = 0;
  for (let i = 0; i < reps; i++) {
    invalid = 0;
    times.push(
      mark('validate', () => {
        for (const { kind, apiVersion, item } of items)
          if (validateObject(kind, apiVersion, item).length > 0) invalid++;
      }).ms,
    );
  }
  const ms = median(times);
  return {
    objects: items.length,
    invalid,
    medianMs: ms,
    usPerObject: items.length > 0 ? (ms * 1000) / items.length : 0,
  };
}

/** Objects a snapshot was built from, for a per-object figure. */
function countItems(_meta: unknown, s: ClusterSnapshot): number {
  return (
    s.namespaces.length +
    s.pods.length +
    s.controllers.length +
    s.networkPolicies.length +
    s.otherPolicies.length +
    (s.invalidObjects?.length ?? 0) +
    s.configMaps.length
  );
}

function summarise(report: ClusterReport) {
  const statuses: Record<string, Record<string, number>> = {};
  let workloads = 0;
  let fromOther = 0;
  let fromOutside = 0;
  let covered = 0;
  for (const r of report.results)
    (statuses[r.control] ??= {})[r.status] =
      ((statuses[r.control] ??= {})[r.status] ?? 0) + 1;
  for (const ns of report.namespaces) {
    for (const r of ns.results)
      (statuses[r.control] ??= {})[r.status] =
        (statuses[r.control][r.status] ?? 0) + 1;
    for (const w of ns.workloads) {
      workloads++;
      if (w.reach?.fromOtherNamespaces) fromOther++;
      if (w.reach?.fromOutsideCluster) fromOutside++;
      if (w.covered) covered++;
    }
  }
  return {
    namespaces: report.namespaces.length,
    workloads,
    covered,
    reachFromOtherNamespaces: fromOther,
    reachFromOutside: fromOutside,
    statuses,
  };
}
