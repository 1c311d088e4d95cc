/**
 * GKE Dataplane V2 (`anetd` in kube-system): always enforces NetworkPolicy;
 * implements none of the network-policy API kinds.
 */
import { sourceOf } from './flags';
import { noApiSupport } from './support';
import type { EnforcerDetector } from './types';

export const gkeDataplaneV2: EnforcerDetector = {
  name: 'GKE Dataplane V2',
  namespaces: ['kube-system'],
  daemonSetNames: ['anetd'],
  detect(input) {
    return {
      findings: input.daemonSets('anetd').map(ds => ({
        name: 'GKE Dataplane V2',
        state: 'enforcing',
        source: sourceOf(ds),
        detail: 'anetd (GKE Dataplane V2) always enforces NetworkPolicy',
        adminPolicies: noApiSupport('GKE Dataplane V2'),
      })),
    };
  },
};
