export { NetpolComplianceOverview } from './NetpolComplianceOverview';
export { toCsv, csvCell, fetchAllRows } from './csv';
