// @ts-check

/**
 * netpol_namespace_summaries: each namespace row's summary again, in a
 * narrow table of its own, split into its outcomes (what the overview
 * reads) and its workloads' label sets (read when first needed). After a
 * restart the first overview waits for every namespace's summary: read
 * from netpol_namespace_reports, whose rows also hold the whole namespace
 * reports (40 MiB at 2,000 namespaces), that read touches pages spread
 * over the whole table; here it reads a few MiB stored together.
 *
 * Rows are keyed and written like the namespace rows (same scan, same
 * commits, invisible until the cluster's head names the scan). Rows that
 * earlier code wrote have no summary rows: their summaries are still read
 * from netpol_namespace_reports.summary, which keeps being written, so
 * rolling this migration back loses nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('netpol_namespace_summaries', table => {
    table.string('cluster', 255).notNullable();
    table.string('scanned_at', 64).notNullable();
    table.string('namespace', 255).notNullable();
    table.text('outcomes').notNullable();
    table.text('labels', 'longtext').notNullable();
    table.primary(['cluster', 'scanned_at', 'namespace']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('netpol_namespace_summaries');
};
