/**
 * OVN-Kubernetes (`ovnkube-node` in `ovn-kubernetes`, or
 * `openshift-ovn-kubernetes` on OpenShift): enforces NetworkPolicy, and
 * AdminNetworkPolicy/BaselineAdminNetworkPolicy when its admin network
 * policy switch is on (always on OpenShift 4.16 and later).
 */
import { sourceOf } from './flags';
import { stated, switchOf } from './switches';
import type { EnforcerDetector } from './types';

export const ovnKubernetes: EnforcerDetector = {
  name: 'OVN-Kubernetes',
  namespaces: ['ovn-kubernetes', 'openshift-ovn-kubernetes'],
  daemonSetNames: ['ovnkube-node'],
  detect(input) {
    return {
      findings: input.daemonSets('ovnkube-node').map(ds => {
        // OpenShift (4.16 and later) always turns admin network policy on.
        const openshift = ds.namespace === 'openshift-ovn-kubernetes';
        const s = openshift
          ? 'yes'
          : switchOf(
              ds.containers ?? [],
              ['enable-admin-network-policy'],
              ['OVN_ADMIN_NETWORK_POLICY_ENABLE'],
            );
        return {
          name: 'OVN-Kubernetes',
          state: 'enforcing',
          source: sourceOf(ds),
          detail: 'ovnkube-node enforces NetworkPolicy',
          adminPolicies: {
            AdminNetworkPolicy: s,
            BaselineAdminNetworkPolicy: s,
            ClusterNetworkPolicy: 'unknown',
            detail: openshift
              ? 'OpenShift runs OVN-Kubernetes with AdminNetworkPolicy and BaselineAdminNetworkPolicy on (4.16 and later)'
              : `OVN-Kubernetes implements AdminNetworkPolicy and BaselineAdminNetworkPolicy when enabled: ${stated(
                  s,
                  '--enable-admin-network-policy',
                )}`,
          },
        };
      }),
    };
  },
};
