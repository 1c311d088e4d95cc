/**
 * kind's kindnet: kind 0.24+ (kindnetd images from 2024-08-13) ships
 * kube-network-policies and enforces NetworkPolicy; `--network-policy`
 * states it explicitly. Whether its embedded kube-network-policies has the
 * admin policy kinds turned on is not visible from the DaemonSet.
 */
import type { EnforcerState } from './types';
import { argsOf, flagValue, isTrue, sourceOf } from './flags';
import { apiSupport } from './support';
import type { EnforcerDetector } from './types';

/** Date of a kindnetd image tag `vYYYYMMDD-...`, as a number, if it has one. */
function kindnetImageDate(image: string | undefined): number | undefined {
  const m = /:v(\d{8})(?:-|$)/.exec(image ?? '');
  return m ? Number(m[1]) : undefined;
}

export const kindnet: EnforcerDetector = {
  name: 'kindnet',
  namespaces: ['kube-system'],
  daemonSetNames: ['kindnet'],
  detect(input) {
    return {
      findings: input.daemonSets('kindnet').map(ds => {
        const containers = ds.containers ?? [];
        const flag = flagValue(containers.flatMap(argsOf), 'network-policy');
        const date = containers
          .map(c => kindnetImageDate(c.image))
          .find(d => d !== undefined);
        const image = containers.find(c => c.image)?.image ?? 'unknown image';
        let state: EnforcerState;
        let detail: string;
        if (flag !== undefined) {
          state = isTrue(flag) ? 'enforcing' : 'not-enforcing';
          detail = `kindnetd runs with --network-policy=${flag}`;
        } else if (date !== undefined && date >= 20240813) {
          state = 'enforcing';
          detail = `kindnetd image ${image} is from kind 0.24 or later, which ships kube-network-policies`;
        } else if (date !== undefined && date < 20240723) {
          state = 'not-enforcing';
          detail = `kindnetd image ${image} predates kind 0.24: kindnet did not enforce NetworkPolicy then`;
        } else {
          state = 'undetermined';
          detail = `cannot tell from kindnetd image ${image} whether this kind release (0.24+) enforces NetworkPolicy`;
        }
        return {
          name: 'kindnet',
          state,
          source: sourceOf(ds),
          detail,
          ...(state === 'enforcing'
            ? {
                adminPolicies: apiSupport(
                  'unknown',
                  'unknown',
                  'kindnet embeds kube-network-policies; whether its admin policy support is turned on is not visible from the DaemonSet',
                ),
              }
            : {}),
        };
      }),
    };
  },
};
