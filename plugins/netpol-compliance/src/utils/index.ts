export * from './status';
export * from './time';
export * from './isNetpolComplianceAvailable';
