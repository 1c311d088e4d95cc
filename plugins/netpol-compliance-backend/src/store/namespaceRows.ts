import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import { attachLabels, NamespaceRow, NamespaceSummary, parseSummary, splitSummary, summaryOf } from './reportParts';

/** The namespace rows of a cluster's latest report (see migration 20261203000000). */
export const NAMESPACE_TABLE = 'netpol_namespace_reports';

/** Their summaries again, narrow, for the index (see migration 20261204000000). */
export const SUMMARY_TABLE = 'netpol_namespace_summaries';

/** Both tables hold rows keyed by cluster, scan and namespace. */
const ROW_TABLES = [NAMESPACE_TABLE, SUMMARY_TABLE];

/**
 * Rows per INSERT: few enough that one statement (SQLite runs it on the
 * event loop) stays a few milliseconds even with 100 KiB namespaces, and
 * under SQLite's cap on bound variables.
 */
const ROWS_PER_INSERT = 25;
const NAMES_PER_QUERY = 500;
/**
 * Namespaces per DELETE: freeing a row's report pages costs about what
 * writing them did, so the same small steps (100 held the loop ~80 ms at L).
 */
const NAMES_PER_DELETE = 25;

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
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const key = (r: NamespaceRow) => ({ cluster, namespace: r.namespace, scanned_at: scannedAt });
    // The summary stays in the namespace row too: code before the summary
    // table reads it there (a rollback), and so do rows it wrote.
    await db(NAMESPACE_TABLE)
      .insert(chunk.map(r => ({ ...key(r), summary: r.summary, report: r.report })))
      // A retried write of the same scan (same rows) is not an error.
      .onConflict(['cluster', 'scanned_at', 'namespace'])
      .ignore();
    await db(SUMMARY_TABLE)
      .insert(chunk.map(r => ({ ...key(r), ...splitSummary(r.summary) })))
      .onConflict(['cluster', 'scanned_at', 'namespace'])
      .ignore();
    // better-sqlite3 answers at once, so a chain of awaited statements never
    // lets timers or requests in: give the event loop back between them.
    await yieldToEventLoop();
  }
}

/**
 * Deletes the rows `where` selects from both row tables, a few namespaces
 * per statement (each statement is short, and SQLite runs it on the event
 * loop).
 */
async function deleteInSteps(db: Knex, cluster: string, where: (q: Knex.QueryBuilder) => Knex.QueryBuilder) {
  for (const table of ROW_TABLES) {
    for (;;) {
      const found: Array<{ scanned_at: string; namespace: string }> = await where(db(table).where('cluster', cluster))
        .select('scanned_at', 'namespace')
        .limit(NAMES_PER_DELETE);
      if (!found.length) break;
      for (const scan of new Set(found.map(r => r.scanned_at))) {
        await db(table)
          .where({ cluster, scanned_at: scan })
          .whereIn('namespace', found.filter(r => r.scanned_at === scan).map(r => r.namespace))
          .delete();
        await yieldToEventLoop();
      }
    }
  }
}

/**
 * Deletes the rows of scans older than `keep` (the head's scan), a few
 * namespaces per statement. Rows of a newer scan are left alone: another
 * replica may be writing them before its head.
 */
export async function deleteOlderRows(db: Knex, cluster: string, keep: string): Promise<void> {
  await deleteInSteps(db, cluster, q => q.where('scanned_at', '<', keep));
}

/**
 * Deletes the rows of one scan that never became the report (it failed, or
 * stopped). Never those of the scan the cluster's head names.
 */
export async function deleteScanRows(db: Knex, cluster: string, scannedAt: string): Promise<void> {
  const head = await db('netpol_clusters').where({ cluster }).first('scanned_at');
  if (head?.scanned_at === scannedAt) return;
  await deleteInSteps(db, cluster, q => q.where('scanned_at', scannedAt));
}

/** Deletes every row of these clusters (in the caller's transaction). */
export async function deleteClusterRows(db: Knex, clusters: string[]): Promise<void> {
  for (const table of ROW_TABLES) await db(table).whereIn('cluster', clusters).delete();
}

/**
 * The summaries of one report, by name, from the narrow summary table,
 * without their label sets: the returned `loadLabels` reads those when a
 * reader first needs them (the overview never does). A report written
 * before the table existed is read whole from its namespace rows.
 */
export async function readSummaries(
  db: Knex,
  cluster: string,
  scannedAt: string,
): Promise<{ summaries: NamespaceSummary[]; chars: number; loadLabels?: () => Promise<number> }> {
  const rows: Array<{ outcomes: string }> = await db(SUMMARY_TABLE)
    .where({ cluster, scanned_at: scannedAt })
    .orderBy('namespace')
    .select('outcomes');
  if (!rows.length) return readLegacySummaries(db, cluster, scannedAt);
  let chars = 0;
  const summaries: NamespaceSummary[] = [];
  for (const [i, r] of rows.entries()) {
    // Thousands of rows at scale: let requests in between.
    if (i % 200 === 199) await yieldToEventLoop();
    chars += r.outcomes.length;
    summaries.push(summaryOf(r.outcomes));
  }
  let loading: Promise<number> | undefined;
  const loadLabels = () => {
    if (!loading) {
      const read = readLabels(db, cluster, scannedAt, summaries);
      // A failed read is tried again by the next reader.
      read.catch(() => {
        if (loading === read) loading = undefined;
      });
      loading = read;
    }
    return loading;
  };
  return { summaries, chars, loadLabels };
}

/** The rows of a report that a newer scan replaced (and deleted) while it was read. */
export class ReportReplacedError extends Error {
  constructor(cluster: string, scannedAt: string) {
    super(`The report of ${cluster} scanned at ${scannedAt} was replaced while it was read`);
    this.name = 'ReportReplacedError';
  }
}

/** Label sets per statement: each statement stays short (SQLite answers on the event loop). */
const LABEL_ROWS_PER_QUERY = 250;

/**
 * Reads the label sets of `summaries` (one report's, by name) into them, a
 * few hundred namespaces per statement; resolves to their characters.
 */
async function readLabels(db: Knex, cluster: string, scannedAt: string, summaries: NamespaceSummary[]): Promise<number> {
  const byName = new Map(summaries.map(s => [s.namespace, s]));
  let chars = 0;
  let found = 0;
  let after = '';
  for (;;) {
    const rows: Array<{ namespace: string; labels: string }> = await db(SUMMARY_TABLE)
      .where({ cluster, scanned_at: scannedAt })
      .andWhere('namespace', '>', after)
      .orderBy('namespace')
      .limit(LABEL_ROWS_PER_QUERY)
      .select('namespace', 'labels');
    for (const r of rows) {
      const summary = byName.get(r.namespace);
      if (!summary) continue;
      attachLabels(summary, r.labels);
      chars += r.labels.length;
      found++;
    }
    if (rows.length < LABEL_ROWS_PER_QUERY) break;
    after = rows[rows.length - 1].namespace;
    await yieldToEventLoop();
  }
  if (found < summaries.length) throw new ReportReplacedError(cluster, scannedAt);
  return chars;
}

async function readLegacySummaries(db: Knex, cluster: string, scannedAt: string) {
  const rows: Array<{ summary: string }> = await db(NAMESPACE_TABLE)
    .where({ cluster, scanned_at: scannedAt })
    .orderBy('namespace')
    .select('summary');
  let chars = 0;
  const summaries: NamespaceSummary[] = [];
  for (const [i, r] of rows.entries()) {
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
