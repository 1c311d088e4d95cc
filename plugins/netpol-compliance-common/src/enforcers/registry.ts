/**
 * Every enforcer detector, and what they read: the ONE list of system
 * namespaces and enforcer ConfigMaps. The scanner (backend
 * `kubernetes/resources.ts`), `deploy/rbac.yaml` (checked by a test) and the
 * CLI's manifest reader all take it from here.
 */
import { antrea } from './antrea';
import { awsVpcCni } from './aws';
import { calico } from './calico';
import { cilium } from './cilium';
import { kindnet } from './kindnet';
import { kubeRouter } from './kubeRouter';
import { azureNpm } from './azureNpm';
import { gkeDataplaneV2 } from './gkeDataplaneV2';
import { kubeNetworkPolicies } from './kubeNetworkPolicies';
import { kubeOvn } from './kubeOvn';
import { ovnKubernetes } from './ovnKubernetes';
import type { EnforcerDetector } from './types';
import { weaveNet } from './weave';

export const ENFORCER_DETECTORS: readonly EnforcerDetector[] = [
  awsVpcCni,
  calico,
  cilium,
  gkeDataplaneV2,
  azureNpm,
  antrea,
  weaveNet,
  kubeRouter,
  kindnet,
  ovnKubernetes,
  kubeOvn,
  kubeNetworkPolicies,
];

/** Namespaces where network plugins install their agents: nothing elsewhere is trusted. @public */
export const ENFORCER_NAMESPACES: readonly string[] = [
  ...new Set(ENFORCER_DETECTORS.flatMap(d => d.namespaces)),
];

/** @public */
export interface EnforcerConfigMapLocation {
  namespace: string;
  name: string;
}

/**
 * Each ConfigMap enforcer detection reads, in each namespace it may live in.
 * The scan reads exactly these (by name), RBAC grants exactly these.
 * @public
 */
export const ENFORCER_CONFIGMAP_LOCATIONS: readonly EnforcerConfigMapLocation[] =
  ENFORCER_DETECTORS.flatMap(d =>
    (d.configMaps ?? []).flatMap(cm =>
      cm.namespaces.map(namespace => ({ namespace, name: cm.name })),
    ),
  );

/** The names of those ConfigMaps (the manifest reader keeps no others). @public */
export const ENFORCER_CONFIGMAPS: readonly string[] = [
  ...new Set(ENFORCER_CONFIGMAP_LOCATIONS.map(l => l.name)),
];

/** True when `namespace/name` is a place an enforcer's ConfigMap is read from. */
export function isEnforcerConfigMap(namespace: string, name: string): boolean {
  return ENFORCER_CONFIGMAP_LOCATIONS.some(
    l => l.namespace === namespace && l.name === name,
  );
}
