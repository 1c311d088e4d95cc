export { EntityNetpolComplianceContent } from './EntityNetpolComplianceContent';
