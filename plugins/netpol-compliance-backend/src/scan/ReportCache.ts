import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import type { ReportStore, StoredCluster } from '../store/ReportStore';
import { SingleFlight } from './SingleFlight';
import { ReportReplacedError } from '../store/namespaceRows';

interface Entry {
  stored: StoredCluster;
  /** The index's size as stored (JSON characters): what the bound counts. */
  chars: number;
  /** Whether `chars` counts the label sets (read after the outcomes). */
  labelsCounted?: boolean;
}

/** Reads of the label sets when a newer report replaced the one being read. */
const LABEL_ATTEMPTS = 3;

/** Whole namespace reports kept between requests, by `cluster@scannedAt/namespace`. */
class NamespaceLru {
  private readonly entries = new Map<string, { report: NamespaceReport; chars: number }>();
  private total = 0;

  constructor(private readonly maxChars: number) {}

  get size(): number {
    return this.total;
  }

  get(key: string): NamespaceReport | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.report;
  }

  put(key: string, report: NamespaceReport, chars: number) {
    if (chars > this.maxChars || this.entries.has(key)) return;
    this.entries.set(key, { report, chars });
    this.total += chars;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxChars) break;
      this.entries.delete(k);
      this.total -= e.chars;
    }
  }
}

/**
 * The latest reports' indexes (head and namespace summaries, not the whole
 * reports), kept between requests and bounded in size, and an LRU of the
 * whole namespace reports that answers have shown.
 * Each read asks the database which reports changed (a cheap query without
 * the reports) and loads only those, so a report another replica stored is
 * seen at once. Concurrent reads share one refresh: after another replica's
 * scan, a burst of requests loads each new report once, not once each.
 * Beyond the bound (`reportCacheMb`, both parts together), the least recently used reports are dropped and read
 * again when next needed.
 */
export class ReportCache {
  private readonly entries = new Map<string, Entry>();
  private totalChars = 0;
  private readonly refresh = new SingleFlight<StoredCluster[]>();
  private readonly namespaceLru: NamespaceLru;

  /** Characters for the reports' indexes: the bound less the namespaces' quarter. */
  private readonly maxChars: number;

  constructor(private readonly store: ReportStore, boundChars: number) {
    // A quarter of the bound for whole namespaces (an entity shows a few),
    // the rest for the indexes: together never more than the bound.
    const namespaceChars = Math.floor(boundChars / 4);
    this.namespaceLru = new NamespaceLru(namespaceChars);
    this.maxChars = boundChars - namespaceChars;
  }

  /**
   * Whole namespace reports of the report scanned at `scannedAt`, in the
   * order asked (names the report lacks are left out).
   */
  async namespaces(cluster: string, scannedAt: string, names: string[]): Promise<NamespaceReport[]> {
    const key = (ns: string) => `${cluster}@${scannedAt}/${ns}`;
    const found = new Map<string, NamespaceReport>();
    for (const n of names) {
      const hit = this.namespaceLru.get(key(n));
      if (hit) found.set(n, hit);
    }
    const missing = names.filter(n => !found.has(n));
    if (missing.length) {
      for (const row of await this.store.getNamespaces(cluster, scannedAt, missing)) {
        this.namespaceLru.put(key(row.namespace), row.report, row.chars);
        found.set(row.namespace, row.report);
      }
    }
    return names.flatMap(n => (found.has(n) ? [found.get(n)!] : []));
  }

  /** Keeps a report this replica just stored, so it is not read back. */
  put(stored: StoredCluster, chars: number): void {
    const current = this.entries.get(stored.cluster);
    // A refresh that started before a newer report arrived must not put the older one back.
    if (current && (current.stored.scannedAt ?? '') > (stored.scannedAt ?? '')) return;
    this.drop(stored.cluster);
    if (chars > this.maxChars) return;
    this.entries.set(stored.cluster, { stored, chars });
    this.totalChars += chars;
    this.evictToBound();
  }

  drop(cluster: string): void {
    const entry = this.entries.get(cluster);
    if (!entry) return;
    this.entries.delete(cluster);
    this.totalChars -= entry.chars;
  }

  /** Characters held: the indexes and the whole namespaces together, never above the bound. */
  get size(): number {
    return this.totalChars + this.namespaceLru.size;
  }

  /** Every stored cluster with its report, loading only what changed. */
  current(): Promise<StoredCluster[]> {
    return this.refresh.run('all', () => this.load());
  }

  /**
   * As `current`, with every index's workload label sets loaded (what the
   * entity view and the owner index read). A report that a newer scan
   * replaced while its label sets were read is read again, newer.
   */
  async currentWithLabels(): Promise<StoredCluster[]> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.current();
      try {
        await Promise.all(stored.map(c => this.loadLabels(c)));
        return stored;
      } catch (e) {
        if (!(e instanceof ReportReplacedError) || attempt >= LABEL_ATTEMPTS) throw e;
      }
    }
  }

  /** Loads a cluster's label sets, and counts them against the bound. */
  private async loadLabels(c: StoredCluster): Promise<void> {
    if (!c.index?.loadLabels) return;
    const chars = await c.index.loadLabels();
    const entry = this.entries.get(c.cluster);
    if (!entry || entry.labelsCounted || entry.stored.index !== c.index) return;
    entry.labelsCounted = true;
    entry.chars += chars;
    this.totalChars += chars;
    if (entry.chars > this.maxChars) this.drop(c.cluster);
    this.evictToBound();
  }

  /** Drops the least recently used indexes until they fit the bound. */
  private evictToBound() {
    for (const [name, entry] of this.entries) {
      if (this.totalChars <= this.maxChars) break;
      this.entries.delete(name);
      this.totalChars -= entry.chars;
    }
  }

  private async load(): Promise<StoredCluster[]> {
    const heads = await this.store.listClusterHeads();
    const names = new Set(heads.map(h => h.cluster));
    for (const name of [...this.entries.keys()]) {
      if (!names.has(name)) this.drop(name);
    }
    const result: StoredCluster[] = [];
    for (const head of heads) {
      if (!head.scannedAt) {
        result.push(head);
        continue;
      }
      let entry = this.entries.get(head.cluster);
      if (entry && entry.stored.scannedAt === head.scannedAt) {
        // Most recently used goes last: eviction takes from the front.
        this.entries.delete(head.cluster);
        this.entries.set(head.cluster, entry);
      } else {
        entry = await this.store.getIndex(head.cluster);
        if (!entry) continue;
        this.put(entry.stored, entry.chars);
      }
      // The attempt and listing fields are cheap and change without a new report.
      result.push({ ...head, index: entry.stored.index, durationMs: entry.stored.durationMs, scannedAt: entry.stored.scannedAt });
    }
    return result;
  }
}
