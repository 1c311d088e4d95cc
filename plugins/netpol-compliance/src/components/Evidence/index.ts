export { PolicyList } from './PolicyList';
export { WorkloadsTable } from './WorkloadsTable';
export { ResultEvidence } from './ResultEvidence';
export { IgnoredObjects } from './IgnoredObjects';
