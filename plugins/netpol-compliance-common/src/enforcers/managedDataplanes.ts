/**
 * Plugins whose presence alone means NetworkPolicy is enforced and that
 * implement none of the network-policy API kinds: GKE Dataplane V2 (`anetd`)
 * and Azure Network Policy Manager (`azure-npm`), both in kube-system.
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

export const azureNpm: EnforcerDetector = {
  name: 'Azure NPM',
  namespaces: ['kube-system'],
  daemonSetNames: ['azure-npm', 'azure-npm-win'],
  detect(input) {
    return {
      findings: input
        .daemonSets(n => n === 'azure-npm' || n === 'azure-npm-win')
        .map(ds => ({
          name: 'Azure NPM',
          state: 'enforcing',
          source: sourceOf(ds),
          detail: 'Azure Network Policy Manager enforces NetworkPolicy',
          adminPolicies: noApiSupport('Azure NPM'),
        })),
    };
  },
};
