/**
 * Calico (operator install in `calico-system`; manifest install and GKE's
 * network-policy add-on in `kube-system`) and Canal (Calico beside flannel).
 * flannel alone provides pod networking only.
 *
 * The network-policy API kinds follow the calico-node version: Calico 3.29
 * added AdminNetworkPolicy, 3.30 BaselineAdminNetworkPolicy, and 3.32
 * replaced both with ClusterNetworkPolicy (v1alpha2).
 */
import type { ControllerSnapshot } from '../snapshot/types';
import { atLeast, imageVersion, sourceOf } from './flags';
import type { AdminPolicyApiSupport, EnforcerDetector, Finding } from './types';

const CALICO_NAMESPACES = ['calico-system', 'kube-system'];
const FLANNEL_NAMESPACES = ['kube-flannel', 'kube-system'];

const isFlannel = (n: string) =>
  n === 'kube-flannel' || n.startsWith('kube-flannel-ds');

/** What the calico-node image version says about the network-policy API kinds. */
export function calicoApiSupport(
  image: string | undefined,
): AdminPolicyApiSupport {
  const v = imageVersion(image);
  const shown = image ?? 'an image without a tag';
  if (!v || v[0] !== 3) {
    return {
      AdminNetworkPolicy: 'unknown',
      BaselineAdminNetworkPolicy: 'unknown',
      ClusterNetworkPolicy: 'unknown',
      detail: `cannot tell the Calico version from ${shown}: Calico 3.29 to 3.31 implement AdminNetworkPolicy (BaselineAdminNetworkPolicy from 3.30), 3.32 and later ClusterNetworkPolicy`,
    };
  }
  const version = `${v[0]}.${v[1]}`;
  if (atLeast(v, 3, 32)) {
    return {
      AdminNetworkPolicy: 'no',
      BaselineAdminNetworkPolicy: 'no',
      ClusterNetworkPolicy: 'yes',
      detail: `Calico ${version} implements ClusterNetworkPolicy (v1alpha2); AdminNetworkPolicy and BaselineAdminNetworkPolicy were removed in 3.32`,
    };
  }
  if (atLeast(v, 3, 29)) {
    const banp = atLeast(v, 3, 30);
    return {
      AdminNetworkPolicy: 'yes',
      BaselineAdminNetworkPolicy: banp ? 'yes' : 'no',
      ClusterNetworkPolicy: 'no',
      detail: banp
        ? `Calico ${version} implements AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1), not ClusterNetworkPolicy (3.32 and later)`
        : `Calico ${version} implements AdminNetworkPolicy (v1alpha1) only: BaselineAdminNetworkPolicy came in 3.30, ClusterNetworkPolicy in 3.32`,
    };
  }
  return {
    AdminNetworkPolicy: 'no',
    BaselineAdminNetworkPolicy: 'no',
    ClusterNetworkPolicy: 'no',
    detail: `Calico ${version} predates the network-policy API kinds (AdminNetworkPolicy came in 3.29)`,
  };
}

function calicoImage(ds: ControllerSnapshot): string | undefined {
  return ds.containers?.find(c => c.name === 'calico-node')?.image;
}

export const calico: EnforcerDetector = {
  name: 'Calico',
  namespaces: [...new Set([...CALICO_NAMESPACES, ...FLANNEL_NAMESPACES])],
  daemonSetNames: ['calico-node', 'canal', 'kube-flannel-ds'],
  detect(input) {
    const inCalicoNs = (ds: ControllerSnapshot) =>
      CALICO_NAMESPACES.includes(ds.namespace);
    const flannel = input
      .daemonSets(isFlannel)
      .filter(ds => FLANNEL_NAMESPACES.includes(ds.namespace));
    const calicoNodes = input.daemonSets('calico-node').filter(inCalicoNs);
    const canal = input
      .daemonSets('canal')
      .filter(inCalicoNs)
      .filter(ds => ds.containers?.some(c => c.name === 'calico-node'));
    const findings: Finding[] = [];
    for (const ds of calicoNodes) {
      findings.push({
        name: flannel.length ? 'Canal (Calico with flannel)' : 'Calico',
        state: 'enforcing',
        source: sourceOf(ds),
        detail: flannel.length
          ? 'calico-node runs beside flannel: Calico enforces NetworkPolicy'
          : 'calico-node enforces NetworkPolicy',
        adminPolicies: calicoApiSupport(calicoImage(ds)),
      });
    }
    for (const ds of canal) {
      findings.push({
        name: 'Canal (Calico with flannel)',
        state: 'enforcing',
        source: sourceOf(ds),
        detail: 'the calico-node container of canal enforces NetworkPolicy',
        adminPolicies: calicoApiSupport(calicoImage(ds)),
      });
    }
    if (!findings.length) {
      for (const ds of flannel) {
        findings.push({
          name: 'flannel',
          state: 'not-enforcing',
          source: sourceOf(ds),
          detail:
            'flannel provides pod networking only and does not enforce NetworkPolicy',
        });
      }
    }
    return { findings };
  },
};
