import { generateRemediation } from '@netpol/plugin-netpol-compliance-common';

/**
 * Example manifests for the docs pages, with a placeholder namespace. The
 * entity tab shows the YAML the backend generated for the real namespace.
 */
export const EXAMPLE_NAMESPACE = 'my-namespace';

const allowFromOneNamespace = (
  ns: string,
) => `# Instead of an allow-all rule (from: [{}], or 0.0.0.0/0), name the callers:
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web-from-frontend
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: frontend
          podSelector:
            matchLabels:
              app: gateway
      ports:
        - protocol: TCP
          port: 8080
`;

const ENFORCER_CHECK = `# Which network plugin runs, and does it enforce NetworkPolicy?
kubectl get daemonsets -n kube-system
# EKS: enable the VPC CNI network policy agent
#   aws eks update-addon --cluster-name <cluster> --addon-name vpc-cni \\
#     --configuration-values '{"enableNetworkPolicy":"true"}'
# AKS: az aks update -g <group> -n <cluster> --network-policy azure   (or calico, cilium)
# GKE: gcloud container clusters update <cluster> --enable-dataplane-v2   (new clusters)
#      or --enable-network-policy with the add-on
`;

/** The example for a control, in YAML (or shell for the cluster control). */
export function exampleFor(
  control: string,
  namespace = EXAMPLE_NAMESPACE,
): { language: 'yaml' | 'bash'; text: string } | undefined {
  switch (control) {
    // The same generator the backend uses for the entity tab's fixes.
    case 'NETPOL-001':
    case 'NETPOL-003':
      return { language: 'yaml', text: generateRemediation(namespace) };
    case 'NETPOL-004':
      return {
        language: 'yaml',
        text: generateRemediation(namespace, { egress: false }),
      };
    case 'NETPOL-005':
      return {
        language: 'yaml',
        text: generateRemediation(namespace, { ingress: false }),
      };
    case 'NETPOL-006':
      return { language: 'yaml', text: allowFromOneNamespace(namespace) };
    case 'NETPOL-002':
      return { language: 'bash', text: ENFORCER_CHECK };
    default:
      return undefined;
  }
}
