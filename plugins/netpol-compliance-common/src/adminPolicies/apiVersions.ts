/**
 * What differs between the kinds of the network-policy API
 * (kubernetes-sigs/network-policy-api, apis/v1alpha1 and apis/v1alpha2):
 * their actions, limits and field names. One table, read by validation and
 * by the compiler.
 */
import type { AdminPolicyKind } from '../snapshot/types';

export interface KindRules {
  kind: AdminPolicyKind;
  apiVersion: string;
  /** Actions a rule may take. */
  actions: readonly string[];
  /** The action that accepts traffic (`Allow`, `Accept`): the only one domainNames may use. */
  acceptAction: string;
  /** Rules per direction, peers per rule, ports/protocols per rule. */
  maxRules: number;
  maxPeers: number;
  maxPorts: number;
  /** Has `spec.priority` (0-1000). */
  hasPriority: boolean;
  /** Has `spec.tier` (Admin, Baseline). */
  hasTier: boolean;
  /** Egress peers may be `domainNames`. */
  domainNames: boolean;
  /** `namespaceSelector` of a `pods` peer or subject must be given. */
  namespaceSelectorRequired: boolean;
}

export const ADMIN_NETWORK_POLICY: KindRules = {
  kind: 'AdminNetworkPolicy',
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  actions: ['Allow', 'Deny', 'Pass'],
  acceptAction: 'Allow',
  maxRules: 100,
  maxPeers: 100,
  maxPorts: 100,
  hasPriority: true,
  hasTier: false,
  domainNames: true,
  namespaceSelectorRequired: true,
};

export const BASELINE_ADMIN_NETWORK_POLICY: KindRules = {
  ...ADMIN_NETWORK_POLICY,
  kind: 'BaselineAdminNetworkPolicy',
  actions: ['Allow', 'Deny'],
  hasPriority: false,
  domainNames: false,
};

export const CLUSTER_NETWORK_POLICY: KindRules = {
  kind: 'ClusterNetworkPolicy',
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  actions: ['Accept', 'Deny', 'Pass'],
  acceptAction: 'Accept',
  maxRules: 25,
  maxPeers: 25,
  maxPorts: 25,
  hasPriority: true,
  hasTier: true,
  domainNames: true,
  namespaceSelectorRequired: false,
};

export function kindRules(kind: unknown): KindRules | undefined {
  switch (kind) {
    case 'AdminNetworkPolicy':
      return ADMIN_NETWORK_POLICY;
    case 'BaselineAdminNetworkPolicy':
      return BASELINE_ADMIN_NETWORK_POLICY;
    case 'ClusterNetworkPolicy':
      return CLUSTER_NETWORK_POLICY;
    default:
      return undefined;
  }
}

/** The one BaselineAdminNetworkPolicy a cluster may have is named this. */
export const BASELINE_NAME = 'default';

export const MAX_NETWORKS = 25;
export const MAX_RULE_NAME = 100;
export const MAX_PRIORITY = 1000;
