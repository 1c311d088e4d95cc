/**
 * `@netpol/demo-cluster`: a read-only Kubernetes API server that serves a
 * folder of manifests (or in-memory objects) in the real wire format, for the
 * demo and as the test double of the whole project.
 *
 * @packageDocumentation
 */
export { startDemoCluster } from './cluster';
export type { DemoCluster, DemoClusterOptions } from './cluster';
export type { ReloadResult } from './servedData';
export type { ObjectChanges } from './changes';
export { describeChanges } from './changes';
export { loadManifests, parseManifests } from './manifests';
export type { LoadedManifests, ManifestError } from './manifests';
export type { FaultRule } from './faults';
export type { ForbiddenRule } from './auth';
export { ANONYMOUS_USER, DEFAULT_USER } from './auth';
export type { RequestLogEntry } from './http/server';
export type { IgnoredObject } from './store';
export { RESOURCE_TYPES, findResourceType } from './resources';
export type { ResourceType } from './resources';
export { parseLabelSelector, SelectorError } from './selectors';
export type { LabelSelector, LabelRequirement } from './selectors';
export { KUBERNETES_VERSION } from './discovery';
export { freeLoopbackPort } from './freePort';
// The wire format exactly as the server writes it, for the benchmark's page files.
export { ObjectStore, itemJson } from './store';
export type { StoredObject } from './store';
export { encodeContinue, paginate } from './paging';
export { groupVersionOf } from './resources';
