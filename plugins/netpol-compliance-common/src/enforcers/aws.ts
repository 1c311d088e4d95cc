/**
 * AWS VPC CNI: `aws-node` enforces NetworkPolicy only through its
 * `aws-eks-nodeagent` container run with `--enable-network-policy=true`.
 * The `amazon-vpc-cni` ConfigMap key `enable-network-policy-controller`
 * turns on the controller side but is not enough on its own. The agent is
 * also an implementation of ClusterNetworkPolicy (v1alpha2) in its recent
 * releases; which release runs is not visible from here.
 */
import { argsOf, flagValue, isTrue, sourceOf } from './flags';
import { apiSupport } from './support';
import type { EnforcerDetector, Finding } from './types';

const NAMESPACE = 'kube-system';
const CONFIGMAP = 'amazon-vpc-cni';

export const awsVpcCni: EnforcerDetector = {
  name: 'AWS VPC CNI',
  namespaces: [NAMESPACE],
  daemonSetNames: ['aws-node'],
  configMaps: [{ name: CONFIGMAP, namespaces: [NAMESPACE] }],
  detect(input) {
    const findings: Finding[] = [];
    const notes: string[] = [];
    for (const ds of input.daemonSets('aws-node')) {
      const cm = input.configMap(CONFIGMAP, ds.namespace);
      const controllerFlag = cm?.data?.['enable-network-policy-controller'];
      if (cm && isTrue(controllerFlag)) {
        notes.push(
          `ConfigMap ${cm.namespace}/${CONFIGMAP} sets enable-network-policy-controller: "${controllerFlag}"; pods are protected only when the aws-eks-nodeagent container runs with --enable-network-policy=true`,
        );
      }
      const agent = ds.containers?.find(c => c.name === 'aws-eks-nodeagent');
      if (!agent) {
        findings.push({
          name: 'AWS VPC CNI',
          state: 'not-enforcing',
          source: sourceOf(ds),
          detail:
            'aws-node has no aws-eks-nodeagent container: the AWS VPC CNI alone does not enforce NetworkPolicy',
        });
        continue;
      }
      const v = flagValue(argsOf(agent), 'enable-network-policy');
      const source = `${sourceOf(ds)} (container aws-eks-nodeagent)`;
      const name = 'AWS VPC CNI network-policy agent';
      if (isTrue(v)) {
        findings.push({
          name,
          state: 'enforcing',
          source,
          detail: 'aws-eks-nodeagent runs with --enable-network-policy=true',
          adminPolicies: apiSupport(
            'no',
            'unknown',
            `the AWS network policy agent implements ClusterNetworkPolicy (v1alpha2) in its recent releases only, and not AdminNetworkPolicy or BaselineAdminNetworkPolicy; agent image ${
              agent.image ?? 'unknown'
            }`,
          ),
        });
      } else {
        findings.push({
          name,
          state: 'not-enforcing',
          source,
          detail:
            v === undefined
              ? 'aws-eks-nodeagent runs without --enable-network-policy (default false): policies are not enforced'
              : `aws-eks-nodeagent runs with --enable-network-policy=${v}: policies are not enforced`,
        });
      }
    }
    return { findings, notes };
  },
};
