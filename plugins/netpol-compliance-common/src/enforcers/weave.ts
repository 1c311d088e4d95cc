/** Weave Net: enforces through its `weave-npc` container only. */
import { sourceOf } from './flags';
import { noApiSupport } from './support';
import type { EnforcerDetector } from './types';

export const weaveNet: EnforcerDetector = {
  name: 'Weave Net',
  namespaces: ['kube-system', 'weave'],
  daemonSetNames: ['weave-net'],
  detect(input) {
    return {
      findings: input.daemonSets('weave-net').map(ds => {
        const npc = ds.containers?.some(c => c.name === 'weave-npc');
        return npc
          ? {
              name: 'Weave Net',
              state: 'enforcing',
              source: `${sourceOf(ds)} (container weave-npc)`,
              detail: 'the weave-npc container enforces NetworkPolicy',
              adminPolicies: noApiSupport('Weave Net'),
            }
          : {
              name: 'Weave Net',
              state: 'not-enforcing',
              source: sourceOf(ds),
              detail:
                'weave-net runs without its weave-npc container: policies are not enforced',
            };
      }),
    };
  },
};
