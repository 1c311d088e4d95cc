/**
 * Kube-OVN (`kube-ovn-cni` DaemonSet and `kube-ovn-controller` Deployment in
 * kube-system): enforces NetworkPolicy unless `--enable-np=false`, and
 * AdminNetworkPolicy/BaselineAdminNetworkPolicy with `--enable-anp`.
 */
import type { ControllerSnapshot } from '../snapshot/types';
import { argsOf, flagValue, isTrue, sourceOf } from './flags';
import { stated, switchOf } from './switches';
import type { EnforcerDetector } from './types';

export const kubeOvn: EnforcerDetector = {
  name: 'Kube-OVN',
  namespaces: ['kube-system'],
  daemonSetNames: ['kube-ovn-cni'],
  detect(input) {
    const controller: ControllerSnapshot | undefined = input.controllers.find(
      c => c.kind === 'Deployment' && c.name === 'kube-ovn-controller',
    );
    return {
      findings: input.daemonSets('kube-ovn-cni').map(ds => {
        if (!controller)
          return {
            name: 'Kube-OVN',
            state: 'undetermined',
            source: sourceOf(ds),
            detail:
              'kube-ovn-cni runs but the kube-ovn-controller Deployment was not seen',
          };
        const args = (controller.containers ?? []).flatMap(argsOf);
        const np = flagValue(args, 'enable-np');
        if (np !== undefined && !isTrue(np))
          return {
            name: 'Kube-OVN',
            state: 'not-enforcing',
            source: sourceOf(controller),
            detail: `kube-ovn-controller runs with --enable-np=${np}: NetworkPolicy is not enforced`,
          };
        const s = switchOf(controller.containers ?? [], ['enable-anp'], []);
        return {
          name: 'Kube-OVN',
          state: 'enforcing',
          source: `${sourceOf(ds)} and ${sourceOf(controller)}`,
          detail: 'kube-ovn-controller enforces NetworkPolicy',
          adminPolicies: {
            AdminNetworkPolicy: s,
            BaselineAdminNetworkPolicy: s,
            ClusterNetworkPolicy: 'unknown',
            detail: `Kube-OVN implements AdminNetworkPolicy and BaselineAdminNetworkPolicy when enabled: ${stated(
              s,
              '--enable-anp',
            )}`,
          },
        };
      }),
    };
  },
};
