import type { KubernetesClusterInfo } from '../kubernetes/KubernetesBackendClient';

/**
 * When a cluster's report is renewed. `everyMs`: each cluster on its own
 * clock, once its last attempt is that old (a duration schedule). Without
 * it (a cron or manual schedule), every tick of the schedule renews every
 * cluster not attempted since the tick's minute began, so replicas whose
 * ticks fire seconds apart still scan each cluster once.
 */
export interface RenewalRule {
  everyMs?: number;
}

/** What the due rule reads of a stored cluster. */
export interface ClusterAttempts {
  cluster: string;
  scannedAt?: string;
  lastAttemptAt?: string;
}

/** The instant before which a last attempt makes a cluster due (ISO). */
export function dueBefore(rule: RenewalRule, now: number): string {
  if (rule.everyMs !== undefined && Number.isFinite(rule.everyMs)) {
    return new Date(now - rule.everyMs).toISOString();
  }
  return new Date(now - (now % 60_000)).toISOString();
}

/**
 * Fair order: the cluster whose report is oldest goes first, one never
 * scanned before all. Stable for equal ages, so every replica walks the
 * fleet in the same order and they meet at the leases, not at random.
 */
export function oldestReportFirst<T extends { name: string }>(
  clusters: T[],
  heads: ClusterAttempts[],
): T[] {
  const scannedAt = new Map(heads.map(h => [h.cluster, h.scannedAt ?? '']));
  return [...clusters].sort(
    (a, b) =>
      (scannedAt.get(a.name) ?? '').localeCompare(scannedAt.get(b.name) ?? '') ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The listed clusters due for a scan (no attempt since `before`), oldest
 * report first. A failed attempt counts: a failing cluster is retried on
 * its schedule, not in a loop. Clusters that left the listing are not here,
 * so a removed cluster is never scanned again and a new one is due at once.
 */
export function dueClusters(
  clusters: KubernetesClusterInfo[],
  heads: ClusterAttempts[],
  before: string,
): KubernetesClusterInfo[] {
  const attempted = new Map(heads.map(h => [h.cluster, h.lastAttemptAt ?? '']));
  const due = clusters.filter(c => (attempted.get(c.name) ?? '') < before);
  return oldestReportFirst(due, heads);
}
