/**
 * Plugins built with the network-policy API in mind: OVN-Kubernetes,
 * Kube-OVN and kube-network-policies. Each enforces NetworkPolicy; each
 * implements AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1)
 * when the switch its manifests expose for them is on, which is read from
 * the agent's flags and environment where it is visible.
 */
import type { ContainerSnapshot, ControllerSnapshot } from '../snapshot';
import { argsOf, flagValue, isTrue, sourceOf } from './flags';
import type { ApiSupport, EnforcerDetector } from './types';

/** A switch given as a flag or an environment variable: on, off, or not stated. */
function switchOf(
  containers: ContainerSnapshot[],
  flags: string[],
  env: string[],
): ApiSupport {
  const args = containers.flatMap(argsOf);
  for (const f of flags) {
    const v = flagValue(args, f);
    if (v !== undefined) return isTrue(v) ? 'yes' : 'no';
  }
  for (const c of containers)
    for (const e of c.env ?? [])
      if (env.includes(e.name) && e.value !== undefined)
        return isTrue(e.value) ? 'yes' : 'no';
  return 'unknown';
}

function stated(s: ApiSupport, what: string): string {
  if (s === 'yes') return `${what} is on`;
  if (s === 'no') return `${what} is off`;
  return `${what} is not visible in the manifest`;
}

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
