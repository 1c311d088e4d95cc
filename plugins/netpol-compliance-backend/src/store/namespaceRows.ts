import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { NamespaceReport } from '@netpol/plugin-netpol-compliance-common';
import type { NamespaceRow, NamespaceSummary } from './reportParts';

/** The namespace rows of a cluster's latest report (see migration 20261203000000). */
export const NAMESPACE_TABLE = 'netpol_namespace_reports';

/**
 * Rows per INSERT: few enough that one statement (SQLite runs it on the
 * event loop) stays a few milliseconds even with 100 KiB namespaces, and
 * under SQLite's cap on bound variables.
 */
const ROWS_PER_INSERT = 25;
const NAMES_PER_QUERY = 500;

/** Replaces a cluster's namespace rows with a new report's (inside the caller's transaction). */
export async function replaceNamespaceRows(
  tx: Knex.Transaction,
  cluster: string,
  scannedAt: string,
  rows: NamespaceRow[],
): Promise<void> {
  await tx(NAMESPACE_TABLE).where({ cluster }).delete();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await tx(NAMESPACE_TABLE).insert(
      rows.slice(i, i + ROWS_PER_INSERT).map(r => ({
        cluster,
        namespace: r.namespace,
        scanned_at: scannedAt,
        summary: r.summary,
        report: r.report,
      })),
    );
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
    summaries.push(JSON.parse(r.summary));
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
