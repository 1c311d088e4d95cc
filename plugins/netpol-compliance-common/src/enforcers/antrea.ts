/**
 * Antrea: DaemonSet `antrea-agent` with Deployment `antrea-controller`.
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (Antrea 1.13+) are
 * behind the alpha feature gate `AdminNetworkPolicy` of antrea-controller,
 * off by default, set in the `antrea-config` ConfigMap
 * (`antrea-controller.conf`). ClusterNetworkPolicy (v1alpha2) arrived in
 * Antrea 2.7.
 */
import type { ConfigMapSnapshot } from '../snapshot/types';
import { atLeast, imageVersion, sourceOf } from './flags';
import type {
  AdminPolicyApiSupport,
  ApiSupport,
  EnforcerDetector,
} from './types';

const NAMESPACE = 'kube-system';
const CONFIGMAP = 'antrea-config';

/** The `AdminNetworkPolicy` feature gate in antrea-controller.conf, if stated. */
function featureGate(cm: ConfigMapSnapshot | undefined): boolean | undefined {
  const conf = cm?.data?.['antrea-controller.conf'];
  if (conf === undefined) return undefined;
  const m = /^[ \t]*AdminNetworkPolicy[ \t]*:[ \t]*(\w+)/m.exec(conf);
  return m ? m[1].toLowerCase() === 'true' : false;
}

export function antreaApiSupport(
  image: string | undefined,
  cm: ConfigMapSnapshot | undefined,
): AdminPolicyApiSupport {
  const v = imageVersion(image);
  const gate = featureGate(cm);
  let v1alpha1: ApiSupport;
  let why: string;
  if (v && !atLeast(v, 1, 13)) {
    v1alpha1 = 'no';
    why = `Antrea ${v[0]}.${v[1]} predates AdminNetworkPolicy support (1.13)`;
  } else if (gate === undefined) {
    v1alpha1 = 'unknown';
    why = `antrea-config could not be read, so whether the AdminNetworkPolicy feature gate (off by default) is on is unknown`;
  } else {
    v1alpha1 = gate ? 'yes' : 'no';
    why = gate
      ? 'antrea-controller has the AdminNetworkPolicy feature gate on'
      : 'the AdminNetworkPolicy feature gate of antrea-controller is off (its default)';
  }
  let v1alpha2: ApiSupport = 'unknown';
  if (v && !atLeast(v, 2, 7)) v1alpha2 = 'no';
  return {
    AdminNetworkPolicy: v1alpha1,
    BaselineAdminNetworkPolicy: v1alpha1,
    ClusterNetworkPolicy: v1alpha2,
    detail: `${why}; ClusterNetworkPolicy needs Antrea 2.7 or later${
      v ? ` (this is ${v[0]}.${v[1]})` : ''
    }`,
  };
}

export const antrea: EnforcerDetector = {
  name: 'Antrea',
  namespaces: [NAMESPACE],
  daemonSetNames: ['antrea-agent'],
  configMaps: [{ name: CONFIGMAP, namespaces: [NAMESPACE] }],
  detect(input) {
    const controller = input.controllers.find(
      c => c.kind === 'Deployment' && c.name === 'antrea-controller',
    );
    return {
      findings: input.daemonSets('antrea-agent').map(ds => {
        if (!controller) {
          return {
            name: 'Antrea',
            state: 'undetermined',
            source: sourceOf(ds),
            detail:
              'antrea-agent runs but the antrea-controller Deployment was not seen (Deployments may not have been read)',
          };
        }
        const image =
          controller.containers?.find(c => c.name === 'antrea-controller')
            ?.image ?? controller.containers?.[0]?.image;
        return {
          name: 'Antrea',
          state: 'enforcing',
          source: `${sourceOf(ds)} and ${sourceOf(controller)}`,
          detail: 'antrea-agent and antrea-controller enforce NetworkPolicy',
          adminPolicies: antreaApiSupport(
            image,
            input.configMap(CONFIGMAP, controller.namespace),
          ),
        };
      }),
    };
  },
};
