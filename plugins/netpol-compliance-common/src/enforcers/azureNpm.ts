/**
 * Azure Network Policy Manager (`azure-npm`, and `azure-npm-win` on Windows
 * nodes, in kube-system): enforces NetworkPolicy when present; implements
 * none of the network-policy API kinds.
 */
import { sourceOf } from './flags';
import { noApiSupport } from './support';
import type { EnforcerDetector } from './types';

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
