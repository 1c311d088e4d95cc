/**
 * One entry point: which policy kind an object is, and what the API
 * server (or, for CRD-backed kinds, the CRD schema and the enforcer) would
 * reject in it. The snapshot builder and the CLI both ask here, so an
 * object is refused for the same reasons everywhere.
 */
import type { AdminPolicyKind, OtherPolicyKind } from '../snapshot/types';
import { validateAdminPolicy } from '../adminPolicies/validateAdminPolicy';
import { validateCalicoPolicy } from './calico';
import { validateCiliumPolicy } from './cilium';
import { validateNetworkPolicy } from './networkPolicy';
import { validateReadObject } from './workloadObject';
import { readKindOf } from '../snapshot/readKinds';

/** @public */
export type PolicyKindInfo =
  | { family: 'networkPolicy'; kind: 'NetworkPolicy' }
  | { family: 'other'; kind: OtherPolicyKind; clusterWide: boolean }
  | { family: 'admin'; kind: AdminPolicyKind };

const NETWORK_POLICY_GROUPS = ['', 'networking.k8s.io', 'extensions'];
const CALICO_GROUPS = ['projectcalico.org', 'crd.projectcalico.org'];
const ADMIN_GROUP = 'policy.networking.k8s.io';

/** The versions each policy kind is served in. */
const SERVED_VERSIONS: Record<string, string[]> = {
  NetworkPolicy: ['networking.k8s.io/v1'],
  CiliumNetworkPolicy: ['cilium.io/v2'],
  CiliumClusterwideNetworkPolicy: ['cilium.io/v2'],
  CalicoNetworkPolicy: ['projectcalico.org/v3', 'crd.projectcalico.org/v1'],
  CalicoGlobalNetworkPolicy: [
    'projectcalico.org/v3',
    'crd.projectcalico.org/v1',
  ],
  AdminNetworkPolicy: ['policy.networking.k8s.io/v1alpha1'],
  BaselineAdminNetworkPolicy: ['policy.networking.k8s.io/v1alpha1'],
  ClusterNetworkPolicy: ['policy.networking.k8s.io/v1alpha2'],
};

function groupOf(apiVersion: unknown): string {
  const v = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = v.indexOf('/');
  return slash < 0 ? '' : v.slice(0, slash);
}

/**
 * The policy kind of an object, from its kind and API group; `undefined`
 * for every other object (a NetworkPolicy of another vendor's group, such
 * as Antrea's, is not one of ours). A Kubernetes NetworkPolicy is
 * recognised by its kind in the core-ish groups, whatever the version, so
 * that `apiVersion: v1` is refused rather than ignored.
 * @public
 */
export function policyKindOf(
  kind: unknown,
  apiVersion: unknown,
): PolicyKindInfo | undefined {
  const group = groupOf(apiVersion);
  switch (kind) {
    case 'NetworkPolicy':
      if (NETWORK_POLICY_GROUPS.includes(group))
        return { family: 'networkPolicy', kind: 'NetworkPolicy' };
      if (CALICO_GROUPS.includes(group))
        return {
          family: 'other',
          kind: 'CalicoNetworkPolicy',
          clusterWide: false,
        };
      return undefined;
    case 'GlobalNetworkPolicy':
      return CALICO_GROUPS.includes(group)
        ? {
            family: 'other',
            kind: 'CalicoGlobalNetworkPolicy',
            clusterWide: true,
          }
        : undefined;
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy':
      return group === 'cilium.io'
        ? {
            family: 'other',
            kind,
            clusterWide: kind === 'CiliumClusterwideNetworkPolicy',
          }
        : undefined;
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy':
    case 'ClusterNetworkPolicy':
      return group === ADMIN_GROUP ? { family: 'admin', kind } : undefined;
    default:
      return undefined;
  }
}

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every reason the API server would reject this object, each starting
 * with its field path (`spec.ingress[0].from[0]: required value: must
 * specify a peer`); empty when it is valid or of a kind the engine does
 * not read. Policy kinds are validated in full; the other kinds the engine
 * reads (Namespace, Pod, the pod controllers, ConfigMap) in the fields it
 * reads (`validation/workloadObject.ts`).
 * @public
 */
export function validateObject(
  kind: string,
  apiVersion: string | undefined,
  raw: unknown,
): string[] {
  const info = policyKindOf(kind, apiVersion);
  if (!info) {
    if (!readKindOf(kind) || readKindOf(kind) === 'policy') return [];
    return isMapping(raw)
      ? validateReadObject(kind, raw)
      : ['(object): must be a mapping'];
  }
  if (!isMapping(raw)) return ['(object): must be a mapping'];
  const served = SERVED_VERSIONS[info.kind];
  if (!apiVersion || !served.includes(apiVersion)) {
    return [
      `apiVersion: ${
        apiVersion ? `"${apiVersion}" is not served` : 'required value'
      } for ${kind}: use ${served.join(' or ')}`,
    ];
  }
  switch (info.family) {
    case 'networkPolicy':
      return validateNetworkPolicy(raw);
    case 'admin':
      // Items of a list page carry no kind or apiVersion of their own: the
      // object is named by the list it came in, as the API server serves it.
      return validateAdminPolicy({ ...raw, kind: info.kind, apiVersion });
    default:
      return info.kind.startsWith('Cilium')
        ? validateCiliumPolicy(raw, info.clusterWide)
        : validateCalicoPolicy(raw, info.clusterWide);
  }
}
