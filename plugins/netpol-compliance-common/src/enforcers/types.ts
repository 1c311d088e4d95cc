/**
 * What one enforcer detector sees and says. Each detector (one file per
 * network plugin) reads only the controllers and ConfigMaps of its own
 * system namespaces: anyone can create a DaemonSet called `calico-node` in a
 * team namespace, and that proves nothing about the cluster's dataplane.
 */
import type {
  AdminPolicyKind,
  ConfigMapSnapshot,
  ControllerSnapshot,
  MissingData,
} from '../snapshot/types';

/** @public */
export type EnforcerState = 'enforcing' | 'not-enforcing' | 'undetermined';

/**
 * Whether a plugin implements a version of the network-policy API:
 * `yes`, `no`, or `unknown` (depends on a feature gate or a version the
 * API does not show).
 * @public
 */
export type ApiSupport = 'yes' | 'no' | 'unknown';

/**
 * Support for each kind of the network-policy API
 * (kubernetes-sigs/network-policy-api), with the reason for the reader
 * (`calico/node v3.30.1 implements the v1alpha1 kinds (Calico 3.29 to 3.31)`).
 * @public
 */
export type AdminPolicyApiSupport = Record<AdminPolicyKind, ApiSupport> & {
  detail: string;
};

export interface Finding {
  name: string;
  state: EnforcerState;
  source: string;
  detail: string;
  /** Set for plugins that enforce NetworkPolicy; absent means no support. */
  adminPolicies?: AdminPolicyApiSupport;
}

/** A ConfigMap an enforcer is configured with, and where it may live. */
export interface EnforcerConfigMap {
  name: string;
  /** The namespaces its agent may run in (a pod mounts ConfigMaps of its own namespace). */
  namespaces: readonly string[];
}

/** What a detector may read: already restricted to its own namespaces. */
export interface DetectorInput {
  /** Controllers of the detector's namespaces only. */
  controllers: ControllerSnapshot[];
  /** ConfigMap `name` in `namespace`, when it is one the detector declared. */
  configMap(name: string, namespace: string): ConfigMapSnapshot | undefined;
  /** Why `resource` could not be read in `namespace`, if it could not. */
  missing(
    resource: 'controllers' | 'configmaps',
    namespace: string,
  ): MissingData | undefined;
  /** DaemonSets of the detector's namespaces named `name` (or matching it). */
  daemonSets(test: string | ((name: string) => boolean)): ControllerSnapshot[];
}

export interface DetectorResult {
  findings: Finding[];
  notes?: string[];
}

/** One network plugin: where it lives, what it reads, how it decides. */
export interface EnforcerDetector {
  /** Plugin name for notes (`Calico`). */
  name: string;
  /** Its system namespaces: the only places its agents are trusted. */
  namespaces: readonly string[];
  /** DaemonSet names that identify it (to note copies outside its namespaces). */
  daemonSetNames: readonly string[];
  configMaps?: readonly EnforcerConfigMap[];
  detect(input: DetectorInput): DetectorResult;
}
