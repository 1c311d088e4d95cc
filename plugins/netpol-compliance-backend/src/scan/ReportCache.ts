import type { ReportStore, StoredCluster } from '../store/ReportStore';
import { SingleFlight } from './SingleFlight';

interface Entry {
  stored: StoredCluster;
  /** The report's size as stored (JSON characters): what the bound counts. */
  chars: number;
}

/**
 * The parsed latest reports, kept between requests and bounded in size.
 * Each read asks the database which reports changed (a cheap query without
 * the reports) and loads only those, so a report another replica stored is
 * seen at once. Concurrent reads share one refresh: after another replica's
 * scan, a burst of requests loads each new report once, not once each.
 * Beyond `maxChars`, the least recently used reports are dropped and read
 * again when next needed.
 */
export class ReportCache {
  private readonly entries = new Map<string, Entry>();
  private totalChars = 0;
  private readonly refresh = new SingleFlight<StoredCluster[]>();

  constructor(private readonly store: ReportStore, private readonly maxChars: number) {}

  /** Keeps a report this replica just stored, so it is not read back. */
  put(stored: StoredCluster, chars: number): void {
    const current = this.entries.get(stored.cluster);
    // A refresh that started before a newer report arrived must not put the older one back.
    if (current && (current.stored.scannedAt ?? '') > (stored.scannedAt ?? '')) return;
    this.drop(stored.cluster);
    if (chars > this.maxChars) return;
    this.entries.set(stored.cluster, { stored, chars });
    this.totalChars += chars;
    for (const [name, entry] of this.entries) {
      if (this.totalChars <= this.maxChars) break;
      this.entries.delete(name);
      this.totalChars -= entry.chars;
    }
  }

  drop(cluster: string): void {
    const entry = this.entries.get(cluster);
    if (!entry) return;
    this.entries.delete(cluster);
    this.totalChars -= entry.chars;
  }

  /** Characters of the reports held now (never above the bound). */
  get size(): number {
    return this.totalChars;
  }

  /** Every stored cluster with its report, loading only what changed. */
  current(): Promise<StoredCluster[]> {
    return this.refresh.run('all', () => this.load());
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
        entry = await this.store.getClusterSized(head.cluster);
        if (!entry) continue;
        this.put(entry.stored, entry.chars);
      }
      // The attempt and listing fields are cheap and change without a new report.
      result.push({ ...head, report: entry.stored.report, durationMs: entry.stored.durationMs, scannedAt: entry.stored.scannedAt });
    }
    return result;
  }
}
