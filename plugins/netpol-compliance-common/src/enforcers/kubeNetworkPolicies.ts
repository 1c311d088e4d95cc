/**
 * kube-network-policies (DaemonSet in kube-system): enforces NetworkPolicy,
 * and AdminNetworkPolicy / BaselineAdminNetworkPolicy when its
 * `--admin-network-policy` / `--baseline-admin-network-policy` flags are on.
 */
import { sourceOf } from './flags';
import { stated, switchOf } from './switches';
import type { EnforcerDetector } from './types';

export const kubeNetworkPolicies: EnforcerDetector = {
  name: 'kube-network-policies',
  namespaces: ['kube-system'],
  daemonSetNames: ['kube-network-policies'],
  detect(input) {
    return {
      findings: input.daemonSets('kube-network-policies').map(ds => {
        const containers = ds.containers ?? [];
        const anp = switchOf(containers, ['admin-network-policy'], []);
        const banp = switchOf(
          containers,
          ['baseline-admin-network-policy'],
          [],
        );
        return {
          name: 'kube-network-policies',
          state: 'enforcing',
          source: sourceOf(ds),
          detail: 'kube-network-policies enforces NetworkPolicy',
          adminPolicies: {
            AdminNetworkPolicy: anp,
            BaselineAdminNetworkPolicy: banp,
            ClusterNetworkPolicy: 'unknown',
            detail: `kube-network-policies implements the network-policy API kinds when enabled: ${stated(
              anp,
              '--admin-network-policy',
            )}, ${stated(banp, '--baseline-admin-network-policy')}`,
          },
        };
      }),
    };
  },
};
