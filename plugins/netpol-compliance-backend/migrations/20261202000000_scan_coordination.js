// @ts-check

/**
 * What several replicas share beyond the reports themselves:
 *
 * netpol_scan_leases: one row per cluster being scanned, held by one replica
 * until `expires_at` (epoch milliseconds), renewed while the scan runs; a
 * replica that dies stops renewing and its lease ends on its own.
 * netpol_known_clusters: the clusters as the kubernetes backend last listed
 * them (auth provider, so every replica can offer "scan with my token"),
 * and when a cluster left that list.
 * netpol_history_days: which scan a day's history rows came from, so an
 * older scan that ends late never replaces a newer scan's rows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('netpol_scan_leases', table => {
    table.string('cluster', 255).primary().notNullable();
    table.string('holder', 255).notNullable();
    table.bigInteger('expires_at').notNullable();
  });
  await knex.schema.createTable('netpol_known_clusters', table => {
    table.string('cluster', 255).primary().notNullable();
    table.string('title', 255).nullable();
    table.string('auth_provider', 64).notNullable();
    table.string('oidc_token_provider', 255).nullable();
    table.string('listed_at', 64).notNullable();
    table.string('removed_at', 64).nullable();
  });
  await knex.schema.createTable('netpol_history_days', table => {
    table.string('day', 10).notNullable();
    table.string('cluster', 255).notNullable();
    table.string('scanned_at', 64).notNullable();
    table.primary(['day', 'cluster']);
  });
};

/**
 * Drops only bookkeeping that the next scan and the next cluster listing
 * rebuild (leases, auth providers, which scan wrote each history day); the
 * reports and the history stay.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('netpol_history_days');
  await knex.schema.dropTable('netpol_known_clusters');
  await knex.schema.dropTable('netpol_scan_leases');
};
