import type { FleetFreshness } from '@netpol/plugin-netpol-compliance-common';
import type { StoredCluster } from '../store/ReportStore';

/** Why a stored report may no longer hold; absent when it is current. */
export interface Staleness {
  /** For the reader, in the plugin's words. */
  reason: string;
  /** How old the report is, in milliseconds (0 when there is none). */
  ageMs: number;
}

function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/**
 * The one rule for a report that is too old to be shown as current: the
 * cluster left the kubernetes backend's list, or its report is older than
 * `staleAfterMs` (twice the schedule by default), which also catches scans
 * that stopped altogether. Such a report is shown as `unknown` with its age,
 * never as a fresh pass. Pure: `now` in epoch milliseconds.
 */
export function reportStaleness(
  c: StoredCluster,
  now: number,
  staleAfterMs: number,
): Staleness | undefined {
  if ((!c.report && !c.index) || !c.scannedAt) return undefined;
  const ageMs = Math.max(0, now - Date.parse(c.scannedAt));
  if (c.removedAt) {
    return {
      reason: `The cluster is no longer in the kubernetes configuration (since ${c.removedAt}); this report from ${c.scannedAt} is no longer current.`,
      ageMs,
    };
  }
  if (ageMs > staleAfterMs) {
    const attempted = Date.parse(c.lastAttemptAt);
    const stopped = now - attempted > staleAfterMs;
    return {
      reason: stopped
        ? `No scan of this cluster has run since ${c.lastAttemptAt}: the report is ${formatAge(ageMs)} old and may no longer hold.`
        : `No scan of this cluster has succeeded since ${c.scannedAt}: the report is ${formatAge(ageMs)} old and may no longer hold.`,
      ageMs,
    };
  }
  return undefined;
}

/**
 * The fleet's freshness: the listed clusters (removed ones are not the
 * fleet's any more) against their stored reports. Pure: `now` in epoch
 * milliseconds.
 */
export function fleetFreshness(
  listed: string[],
  stored: Array<Pick<StoredCluster, 'cluster' | 'scannedAt'>>,
  now: number,
): FleetFreshness {
  const scannedAt = new Map(stored.map(c => [c.cluster, c.scannedAt]));
  let oldest: { cluster: string; at: string } | undefined;
  const withoutReport: string[] = [];
  for (const cluster of listed) {
    const at = scannedAt.get(cluster);
    if (!at) withoutReport.push(cluster);
    else if (!oldest || at < oldest.at) oldest = { cluster, at };
  }
  return {
    clusters: listed.length,
    withReport: listed.length - withoutReport.length,
    withoutReport,
    oldestReportAt: oldest?.at,
    oldestReportCluster: oldest?.cluster,
    oldestReportAgeMs: oldest ? Math.max(0, now - Date.parse(oldest.at)) : undefined,
  };
}
