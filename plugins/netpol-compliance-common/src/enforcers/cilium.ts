/**
 * Cilium: DaemonSet `cilium` with its `cilium-agent` container, installed in
 * `kube-system`, `cilium` or `cilium-system`. It enforces unless
 * `cilium-config` (read from the agent's own namespace, the only one its pods
 * can mount) sets `enable-policy: never`. Cilium implements none of the
 * network-policy API kinds.
 */
import { sourceOf } from './flags';
import { noApiSupport } from './support';
import type { EnforcerDetector, Finding } from './types';

const NAMESPACES = ['kube-system', 'cilium', 'cilium-system'];
const CONFIGMAP = 'cilium-config';

export const cilium: EnforcerDetector = {
  name: 'Cilium',
  namespaces: NAMESPACES,
  daemonSetNames: ['cilium'],
  configMaps: [{ name: CONFIGMAP, namespaces: NAMESPACES }],
  detect(input) {
    const findings: Finding[] = [];
    const notes: string[] = [];
    for (const ds of input.daemonSets('cilium')) {
      if (!ds.containers?.some(c => c.name === 'cilium-agent')) {
        notes.push(
          `${sourceOf(
            ds,
          )} has no cilium-agent container: not recognised as Cilium`,
        );
        continue;
      }
      const source = `${sourceOf(ds)} (container cilium-agent)`;
      const base = { name: 'Cilium', source };
      const adminPolicies = noApiSupport('Cilium');
      const cm = input.configMap(CONFIGMAP, ds.namespace);
      if (!cm) {
        const gap = input.missing('configmaps', ds.namespace);
        findings.push(
          gap
            ? {
                ...base,
                state: 'undetermined',
                detail: `${ds.namespace}/${CONFIGMAP} could not be read, so its enable-policy mode is unknown (${gap.reason})`,
              }
            : {
                ...base,
                state: 'enforcing',
                detail: `no ${CONFIGMAP} ConfigMap in ${ds.namespace}: Cilium runs in its default policy mode, which enforces`,
                adminPolicies,
              },
        );
        continue;
      }
      const mode = cm.data?.['enable-policy'];
      const where = `ConfigMap ${cm.namespace}/${CONFIGMAP}`;
      if (mode === undefined || mode === 'default' || mode === 'always') {
        findings.push({
          ...base,
          state: 'enforcing',
          detail:
            mode === undefined
              ? `${where} does not set enable-policy: default mode enforces`
              : `${where} sets enable-policy: ${mode}`,
          adminPolicies,
        });
      } else if (mode === 'never') {
        findings.push({
          ...base,
          state: 'not-enforcing',
          detail: `${where} sets enable-policy: never: policy enforcement is disabled`,
        });
      } else {
        findings.push({
          ...base,
          state: 'undetermined',
          detail: `${where} sets an unrecognised enable-policy value "${mode}"`,
        });
      }
    }
    return { findings, notes };
  },
};
