/**
 * Common types, the control catalogue and the pure evaluation engine of the
 * netpol-compliance plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './controls';
export * from './snapshot';
export * from './report';
export * from './api';
export * from './engine';
