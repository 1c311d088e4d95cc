// @ts-check

/**
 * netpol_namespace_reports: one row per namespace of a cluster's latest
 * report: a small summary (outcomes without evidence, the workloads' label
 * sets) that the overview and the entity lookup read, and the namespace's
 * whole report, read only for the namespaces an answer shows. A large
 * cluster's report is tens of MiB; stored whole it had to be parsed whole
 * to answer one entity.
 *
 * netpol_clusters.report then holds the report without its namespaces,
 * and report_format says which shape a row is in: null for a report stored
 * whole before this migration (split by the plugin the first time it is
 * read, so the rule that summarises a namespace lives in one place), 2 for
 * a head with namespace rows. Rows are keyed by the scan (scanned_at) that
 * wrote them: a new scan's rows are written before its head, in small
 * commits (a cluster's report in one commit would hold SQLite's writer, and
 * the event loop, for seconds), and become visible when the head names
 * that scan; older scans' rows are deleted after. A reader never mixes the
 * namespaces of two scans.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('netpol_namespace_reports', table => {
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('scanned_at', 64).notNullable();
    table.text('summary').notNullable();
    table.text('report', 'longtext').notNullable();
    table.primary(['cluster', 'scanned_at', 'namespace']);
  });
  await knex.schema.alterTable('netpol_clusters', table => {
    table.integer('report_format').nullable();
  });
  // The last namespace owner index (catalog entities to namespaces) and the
  // reports it was built for: a restarted backend serves it at once while
  // it builds a fresh one, instead of making the first overview wait.
  await knex.schema.createTable('netpol_owner_index', table => {
    table.string('id', 32).primary().notNullable();
    table.text('signature').notNullable();
    table.bigInteger('built_at').notNullable();
    table.text('owners', 'longtext').notNullable();
  });
};

/**
 * Puts each report back whole (head and namespaces in one document), as the
 * earlier code reads it, then drops the namespace rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const heads = await knex('netpol_clusters').where({ report_format: 2 }).select('cluster', 'report', 'scanned_at');
  for (const head of heads) {
    const rows = await knex('netpol_namespace_reports')
      .where({ cluster: head.cluster, scanned_at: head.scanned_at })
      .orderBy('namespace')
      .select('report');
    const whole = { ...JSON.parse(head.report), namespaces: rows.map(r => JSON.parse(r.report)) };
    await knex('netpol_clusters').where({ cluster: head.cluster }).update({ report: JSON.stringify(whole) });
  }
  await knex.schema.dropTable('netpol_owner_index');
  await knex.schema.alterTable('netpol_clusters', table => {
    table.dropColumn('report_format');
  });
  await knex.schema.dropTable('netpol_namespace_reports');
};
