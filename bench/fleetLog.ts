/**
 * What the replicas' own logs say about a fleet pass: when each scan of
 * each cluster started and ended on which replica, and from that the pass
 * time, each replica's share, and scans of one cluster that overlapped in
 * time. Pure: lines in, figures out (the bench process timestamps each line
 * as it arrives, since the backend's JSON log lines carry no time).
 */

export type ScanEventKind = 'started' | 'succeeded' | 'failed';

export interface ScanEvent {
  /** Epoch ms when the line arrived. */
  at: number;
  kind: ScanEventKind;
  cluster: string;
  /** The bench's name for the backend process whose log this is. */
  replica: string;
  /** The replica id the backend logged with it (contract field `replica`), if any. */
  replicaId?: string;
}

// The backend's messages (see the fleet contract): one line when a scan
// starts under its lease, one when it ends either way.
const ENDINGS: Array<[RegExp, ScanEventKind]> = [
  [/^Scanned in /, 'succeeded'],
  [/^Scan failed/, 'failed'],
  [/^Could not store the report/, 'failed'],
  [/^Scan lease lost/, 'failed'],
];

/** One backend log line (JSON, NODE_ENV=production) as a scan event, if it is one. */
export function parseScanEvent(line: string, at: number, processName: string): ScanEvent | undefined {
  if (!line.startsWith('{')) return undefined;
  let entry: { message?: unknown; cluster?: unknown; replica?: unknown };
  try {
    entry = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof entry.message !== 'string' || typeof entry.cluster !== 'string') return undefined;
  const base = { at, cluster: entry.cluster, replica: processName, replicaId: typeof entry.replica === 'string' ? entry.replica : undefined };
  if (entry.message === 'Scan started') return { ...base, kind: 'started' };
  const ending = ENDINGS.find(([re]) => re.test(entry.message as string));
  return ending ? { ...base, kind: ending[1] } : undefined;
}

export interface ScanInterval {
  cluster: string;
  replica: string;
  start: number;
  /** Undefined while the scan has not ended (or its end was never logged). */
  end?: number;
  ok?: boolean;
}

/**
 * Pairs each start with the next end of the same cluster on the same
 * replica. An end without a start (its start came before the window) is
 * ignored; a start without an end stays open.
 */
export function scanIntervals(events: readonly ScanEvent[]): ScanInterval[] {
  const open = new Map<string, ScanInterval[]>();
  const all: ScanInterval[] = [];
  const sorted = [...events].sort((a, b) => a.at - b.at);
  for (const e of sorted) {
    const key = `${e.replica}\u0000${e.cluster}`;
    const list = open.get(key) ?? [];
    if (e.kind === 'started') {
      const interval: ScanInterval = { cluster: e.cluster, replica: e.replica, start: e.at };
      list.push(interval);
      all.push(interval);
      open.set(key, list);
      continue;
    }
    const interval = list.shift();
    if (!interval) continue;
    interval.end = e.at;
    interval.ok = e.kind === 'succeeded';
  }
  return all;
}

/** Scans of the same cluster whose times intersect (an open scan runs to `until`). */
export function overlappingScans(intervals: readonly ScanInterval[], until: number): Array<[ScanInterval, ScanInterval]> {
  const byCluster = new Map<string, ScanInterval[]>();
  for (const i of intervals) byCluster.set(i.cluster, [...(byCluster.get(i.cluster) ?? []), i]);
  const pairs: Array<[ScanInterval, ScanInterval]> = [];
  for (const list of byCluster.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const x = list[a];
        const y = list[b];
        if (x.start < (y.end ?? until) && y.start < (x.end ?? until)) pairs.push([x, y]);
      }
    }
  }
  return pairs;
}

export interface ReplicaShare {
  replica: string;
  /** Successful scans this replica ran in the pass. */
  scanned: number;
  failed: number;
  /** scanned / all successful scans. */
  share: number;
  /** |share - 1/R| / (1/R): 0 is an even split. */
  deviation: number;
}

export interface FleetPass {
  clusters: number;
  /** Clusters with a successful scan in the window. */
  withReport: number;
  complete: boolean;
  firstStartAt?: number;
  /** When the last cluster got its first report. */
  lastReportAt?: number;
  passMs?: number;
  shares: ReplicaShare[];
  overlaps: number;
  overlapExamples: Array<{ cluster: string; replicas: [string, string] }>;
  /** Clusters scanned more than once in the window (started twice, anywhere). */
  rescanned: number;
  openScans: number;
}

/**
 * The figures of one fleet pass over `clusters` by `replicas` (every
 * replica counts, also one that scanned nothing), from its scan events.
 */
export function analyzeFleetPass(events: readonly ScanEvent[], clusters: readonly string[], replicas: readonly string[], until: number): FleetPass {
  const intervals = scanIntervals(events);
  const firstReport = new Map<string, number>();
  const starts = new Map<string, number>();
  for (const i of intervals) {
    starts.set(i.cluster, (starts.get(i.cluster) ?? 0) + 1);
    if (i.ok && i.end !== undefined && !(firstReport.get(i.cluster)! <= i.end)) firstReport.set(i.cluster, i.end);
  }
  const wanted = clusters.filter(c => firstReport.has(c));
  const firstStartAt = intervals.length ? Math.min(...intervals.map(i => i.start)) : undefined;
  const lastReportAt = wanted.length ? Math.max(...wanted.map(c => firstReport.get(c)!)) : undefined;
  const complete = wanted.length === clusters.length;
  const succeeded = intervals.filter(i => i.ok);
  const names = [...new Set([...replicas, ...intervals.map(i => i.replica)])];
  const even = 1 / Math.max(1, names.length);
  const shares = names.map(replica => {
    const scanned = succeeded.filter(i => i.replica === replica).length;
    const share = succeeded.length ? scanned / succeeded.length : 0;
    return {
      replica,
      scanned,
      failed: intervals.filter(i => i.replica === replica && i.ok === false).length,
      share,
      deviation: Math.abs(share - even) / even,
    };
  });
  const pairs = overlappingScans(intervals, until);
  return {
    clusters: clusters.length,
    withReport: wanted.length,
    complete,
    firstStartAt,
    lastReportAt,
    passMs: complete && firstStartAt !== undefined && lastReportAt !== undefined ? lastReportAt - firstStartAt : undefined,
    shares,
    overlaps: pairs.length,
    overlapExamples: pairs.slice(0, 5).map(([a, b]) => ({ cluster: a.cluster, replicas: [a.replica, b.replica] })),
    rescanned: [...starts.values()].filter(n => n > 1).length,
    openScans: intervals.filter(i => i.end === undefined).length,
  };
}
