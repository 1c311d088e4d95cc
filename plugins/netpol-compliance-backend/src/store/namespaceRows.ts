import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { NamespaceRow, NamespaceSummary, parseSummary } from './reportParts';

/** The namespace rows of a cluster's latest report (see migration 20261203000000). */
export const NAMESPACE_TABLE = 'netpol_namespace_reports';

/**
 * Rows per INSERT: few enough that one statement (SQLite runs it on the
 * event loop) stays a few milliseconds even with 100 KiB namespaces, and
 * under SQLite's cap on bound variables.
 */
const ROWS_PER_INSERT = 25;
const NAMES_PER_QUERY = 500;
const NAMES_PER_DELETE = 100;

/**
 * Writes a scan's namespace rows, a few per statement, each its own commit:
 * invisible to readers until the cluster's head names this scan.
 */
export async function insertNamespaceRows(
  db: Knex,
  cluster: string,
  scannedAt: string,
  rows: NamespaceRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db(NAMESPACE_TABLE)
      .insert(
        rows.slice(i, i + ROWS_PER_INSERT).map(r => ({
          cluster,
          namespace: r.namespace,
          scanned_at: scannedAt,
          summary: r.summary,
          report: r.report,
        })),
      )
      // A retried write of the same scan (same rows) is not an error.
      .onConflict(['cluster', 'scanned_at', 'namespace'])
      .ignore();
    // better-sqlite3 answers at once, so a chain of awaited statements never
    // lets timers or requests in: give the event loop back between them.
    await yieldToEventLoop();
  }
}

/**
 * Deletes the rows of scans older than `keep` (the head's scan), a few
 * namespaces per statement. Rows of a newer scan are left alone: another
 * replica may be writing them before its head.
 */
export async function deleteOlderRows(db: Knex, cluster: string, keep: string): Promise<void> {
  for (;;) {
    const stale: Array<{ scanned_at: string; namespace: string }> = await db(NAMESPACE_TABLE)
      .where('cluster', cluster)
      .where('scanned_at', '<', keep)
      .select('scanned_at', 'namespace')
      .limit(NAMES_PER_DELETE);
    if (!stale.length) return;
    for (const scan of new Set(stale.map(r => r.scanned_at))) {
      await db(NAMESPACE_TABLE)
        .where({ cluster, scanned_at: scan })
        .whereIn('namespace', stale.filter(r => r.scanned_at === scan).map(r => r.namespace))
        .delete();
      await yieldToEventLoop();
    }
  }
}

/** The summaries of one report, by name; `undefined` when another scan replaced it meanwhile. */
export async function readSummaries(
  db: Knex,
  cluster: string,
  scannedAt: string,
): Promise<{ summaries: NamespaceSummary[]; chars: number }> {
  const rows: Array<{ summary: string; scanned_at: string }> = await db(NAMESPACE_TABLE)
    .where({ cluster, scanned_at: scannedAt })
    .orderBy('namespace')
    .select('summary', 'scanned_at');
  let chars = 0;
  const summaries: NamespaceSummary[] = [];
  for (const [i, r] of rows.entries()) {
    // Thousands of rows at scale: let requests in between.
    if (i % 200 === 199) await yieldToEventLoop();
    chars += r.summary.length;
    summaries.push(parseSummary(r.summary));
  }
  return { summaries, chars };
}

/**
 * Whole namespace reports of one scan, in the order asked; a name without a
 * row (not in that report, or a newer scan replaced it) is left out.
 */
export async function readNamespaceReports(
  db: Knex,
  cluster: string,
  scannedAt: string,
  names?: string[],
): Promise<Array<{ namespace: string; report: NamespaceReport; chars: number }>> {
  const select = () => db(NAMESPACE_TABLE).where({ cluster, scanned_at: scannedAt }).select('namespace', 'report');
  const rows: Array<{ namespace: string; report: string }> = [];
  if (!names) rows.push(...(await select().orderBy('namespace')));
  // Chunked: bound variables per statement are capped (SQLite).
  for (let i = 0; names && i < names.length; i += NAMES_PER_QUERY) {
    rows.push(...(await select().whereIn('namespace', names.slice(i, i + NAMES_PER_QUERY))));
  }
  const byName = new Map(rows.map(r => [r.namespace, r]));
  const order = names ?? rows.map(r => r.namespace);
  return order.flatMap(name => {
    const row = byName.get(name);
    return row ? [{ namespace: name, report: JSON.parse(row.report) as NamespaceReport, chars: row.report.length }] : [];
  });
}
