/**
 * The netpol-compliance backend plugin.
 *
 * @packageDocumentation
 */
export { netpolCompliancePlugin as default } from './plugin';
