/** kube-router: its firewall (`--run-firewall`, default true) enforces NetworkPolicy. */
import { argsOf, flagValue, isTrue, sourceOf } from './flags';
import { noApiSupport } from './support';
import type { EnforcerDetector } from './types';

export const kubeRouter: EnforcerDetector = {
  name: 'kube-router',
  namespaces: ['kube-system', 'kube-router'],
  daemonSetNames: ['kube-router'],
  detect(input) {
    return {
      findings: input.daemonSets('kube-router').map(ds => {
        const v = flagValue(
          (ds.containers ?? []).flatMap(argsOf),
          'run-firewall',
        );
        const on = v === undefined || isTrue(v);
        let detail: string;
        if (v === undefined)
          detail =
            'kube-router runs without --run-firewall, whose default (true) enforces NetworkPolicy';
        else if (on) detail = `kube-router runs with --run-firewall=${v}`;
        else
          detail = `kube-router runs with --run-firewall=${v} (routes only): policies are not enforced`;
        return {
          name: 'kube-router',
          state: on ? 'enforcing' : 'not-enforcing',
          source: sourceOf(ds),
          detail,
          ...(on ? { adminPolicies: noApiSupport('kube-router') } : {}),
        };
      }),
    };
  },
};
