// @ts-check

/**
 * netpol_clusters: one row per cluster: the latest good report (served at
 * once after a restart) and the latest attempt's outcome, kept apart so a
 * failed scan never loses the last good report.
 * netpol_history: one row per day, cluster, namespace and control: the
 * compact history behind the trend.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('netpol_clusters', table => {
    table.string('cluster', 255).primary().notNullable();
    table.string('title', 255).nullable();
    table.text('report', 'longtext').nullable();
    table.string('scanned_at', 64).nullable();
    table.integer('duration_ms').nullable();
    table.string('last_attempt_at', 64).notNullable();
    table.text('last_error').nullable();
  });
  await knex.schema.createTable('netpol_history', table => {
    table.string('day', 10).notNullable();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 255).notNullable();
    table.string('control', 32).notNullable();
    table.string('status', 32).notNullable();
    table.primary(['day', 'cluster', 'namespace', 'control']);
    table.index(['day'], 'netpol_history_day_idx');
  });
};

/**
 * Rolling back would drop every stored report and the whole compliance
 * history, which no later scan can bring back. It is refused unless the
 * operator says so explicitly, so that a routine `migrate:rollback` never
 * erases a year of trend data.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (process.env.NETPOL_COMPLIANCE_ALLOW_DATA_LOSS !== 'true') {
    throw new Error(
      'Refusing to roll back netpol-compliance 20261122000000_init: it would drop netpol_clusters and netpol_history ' +
        '(all reports and the compliance history). Back them up, then set NETPOL_COMPLIANCE_ALLOW_DATA_LOSS=true to proceed.',
    );
  }
  await knex.schema.dropTable('netpol_history');
  await knex.schema.dropTable('netpol_clusters');
};
