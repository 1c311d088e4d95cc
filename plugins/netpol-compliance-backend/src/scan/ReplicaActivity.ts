/** One scan this replica ran, as `/status` shows it. */
export interface ReplicaScan {
  cluster: string;
  startedAt: string;
  endedAt?: string;
  ok?: boolean;
  /** Why it failed, in the plugin's words. */
  error?: string;
}

/** What this replica has scanned since it started: its share of the fleet. */
export interface ReplicaActivitySnapshot {
  id: string;
  startedAt: string;
  scans: { started: number; succeeded: number; failed: number };
  /** Clusters this replica is scanning now. */
  scanning: string[];
  /** Its most recent scans, oldest first. */
  scanned: ReplicaScan[];
}

/**
 * This replica's own tally of the scans it ran (under their leases), kept in
 * memory: how an operator, or the fleet benchmark, sees which replica took
 * which clusters. Bounded: the last `keep` scans.
 */
export class ReplicaActivity {
  readonly startedAt: string;
  private readonly counts = { started: 0, succeeded: 0, failed: 0 };
  private readonly running = new Set<ReplicaScan>();
  private readonly recent: ReplicaScan[] = [];

  constructor(
    readonly id: string,
    private readonly now: () => Date = () => new Date(),
    private readonly keep = 1000,
  ) {
    this.startedAt = now().toISOString();
  }

  /** Records a scan's start; call the returned function when it ends. */
  start(cluster: string): (ok: boolean, error?: string) => void {
    const scan: ReplicaScan = { cluster, startedAt: this.now().toISOString() };
    this.counts.started++;
    this.running.add(scan);
    return (ok, error) => {
      if (!this.running.delete(scan)) return;
      scan.endedAt = this.now().toISOString();
      scan.ok = ok;
      if (error) scan.error = error;
      this.counts[ok ? 'succeeded' : 'failed']++;
      this.recent.push(scan);
      if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
    };
  }

  snapshot(): ReplicaActivitySnapshot {
    return {
      id: this.id,
      startedAt: this.startedAt,
      scans: { ...this.counts },
      scanning: [...this.running].map(s => s.cluster),
      scanned: this.recent.map(s => ({ ...s })),
    };
  }
}
