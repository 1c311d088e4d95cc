export { EntityNetpolComplianceCard } from './EntityNetpolComplianceCard';
