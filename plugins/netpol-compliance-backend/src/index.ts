/**
 * The netpol-compliance backend plugin.
 *
 * @packageDocumentation
 */
export { netpolCompliancePlugin as default } from './plugin';
// What a scan lists, for the benchmark to write and list the same collections.
export { LISTED_RESOURCES, ENFORCER_CONFIGMAPS } from './kubernetes/resources';
export type { ListedResource } from './kubernetes/resources';
