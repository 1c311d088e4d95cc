/**
 * Which kinds of object the engine reads, and where each goes: the one
 * table behind the snapshot builder (an object's record) and the CLI's
 * manifest checks (which documents it refuses without an apiVersion, and
 * which land in `default` without a namespace). Policy kinds are told
 * apart by group too (`policyKindOf`); here they are listed by name, as a
 * document without apiVersion can only be named.
 */

/** Where an object of a read kind goes in a snapshot. @public */
export type ReadKind = 'namespace' | 'pod' | 'controller' | 'configMap' | 'policy';

const READ_KINDS = new Map<string, { read: ReadKind; clusterScoped: boolean }>([
  ['Namespace', { read: 'namespace', clusterScoped: true }],
  ['Pod', { read: 'pod', clusterScoped: false }],
  // Pod controllers: they resolve pods to workloads, and stand for their
  // pods where none run (manifests from Git).
  ['Deployment', { read: 'controller', clusterScoped: false }],
  ['ReplicaSet', { read: 'controller', clusterScoped: false }],
  ['StatefulSet', { read: 'controller', clusterScoped: false }],
  ['DaemonSet', { read: 'controller', clusterScoped: false }],
  ['Job', { read: 'controller', clusterScoped: false }],
  ['CronJob', { read: 'controller', clusterScoped: false }],
  ['ReplicationController', { read: 'controller', clusterScoped: false }],
  // Only the enforcer ConfigMaps are kept; the others are skipped by name.
  ['ConfigMap', { read: 'configMap', clusterScoped: false }],
  ['NetworkPolicy', { read: 'policy', clusterScoped: false }],
  ['GlobalNetworkPolicy', { read: 'policy', clusterScoped: true }],
  ['CiliumNetworkPolicy', { read: 'policy', clusterScoped: false }],
  ['CiliumClusterwideNetworkPolicy', { read: 'policy', clusterScoped: true }],
  ['AdminNetworkPolicy', { read: 'policy', clusterScoped: true }],
  ['BaselineAdminNetworkPolicy', { read: 'policy', clusterScoped: true }],
  ['ClusterNetworkPolicy', { read: 'policy', clusterScoped: true }],
]);

/** The controller kinds whose containers enforcer detection reads. */
export const CONTAINER_KINDS = new Set(['DaemonSet', 'Deployment']);

/** Where an object of this kind goes; `undefined` for a kind the engine does not read. @public */
export function readKindOf(kind: string): ReadKind | undefined {
  return READ_KINDS.get(kind)?.read;
}

/** A read kind that has no namespace (the others land in `default` without one). @public */
export function isClusterScopedKind(kind: string): boolean {
  return READ_KINDS.get(kind)?.clusterScoped ?? false;
}
