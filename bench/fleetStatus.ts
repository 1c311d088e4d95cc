/**
 * The fleet bench's reading of a replica's GET /status (the `replica` and
 * `fleet` objects of issue 17; absent from older backends, then reported
 * as missing), and the removal of a run's databases.
 */

export interface ReplicaStatus {
  id?: string;
  scans?: { started: number; succeeded: number; failed: number };
  scanned?: Array<{ cluster: string; startedAt: string; endedAt: string }>;
  scanning?: string[];
}

export interface FleetStatus {
  clusters: number;
  withReport: number;
  oldestReportAt?: string;
  oldestReportAgeMs?: number;
  scanning: number;
}

export async function fetchStatus(baseUrl: string, token: string): Promise<{ replica?: ReplicaStatus; fleet?: FleetStatus; error?: string }> {
  try {
    const res = await fetch(`${baseUrl}/api/netpol-compliance/status`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) return { error: `GET /status answered ${res.status}` };
    const body = await res.json();
    return { replica: body.replica, fleet: body.fleet };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** What the bench keeps of one replica's status: its own count of scans in the pass, and the fleet view. */
export function summarizeStatus(status: Awaited<ReturnType<typeof fetchStatus>>, passStartedAt: number) {
  const scanned = status.replica?.scanned;
  return {
    error: status.error,
    replicaId: status.replica?.id,
    scans: status.replica?.scans,
    // The replica's own list, for the share as it counts it (cross-check of the logs).
    scannedInPass: scanned ? scanned.filter(s => Date.parse(s.startedAt) >= passStartedAt - 1000).length : undefined,
    fleet: status.fleet,
  };
}

/** Drops the databases a run created (`<prefix><plugin id>`); a failure is reported, not thrown. */
export async function dropDatabases(connection: string, prefix: string): Promise<string | undefined> {
  if (!/^[a-z0-9_]+$/.test(prefix)) return `refusing to drop databases by the prefix ${prefix}`;
  let client: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Client } = require('pg');
    client = new Client({ connectionString: connection });
    await client.connect();
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${String(datname).replace(/"/g, '""')}" WITH (FORCE)`);
    }
    return undefined;
  } catch (e) {
    return `could not drop the run's databases (${prefix}*): ${(e as Error).message}`;
  } finally {
    await client?.end().catch(() => undefined);
  }
}
