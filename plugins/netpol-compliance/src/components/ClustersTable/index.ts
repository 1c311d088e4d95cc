export { ClustersTable } from './ClustersTable';
export { ClusterHeaderCells, ENFORCER_CONTROL } from './ClusterHeaderCells';
