/** Small in-memory clusters for the tests. */

export function pod(
  namespace: string | undefined,
  name: string,
  labels: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(namespace ? { namespace } : {}), labels },
    spec: { containers: [{ name: 'main', image: 'nginx' }] },
    ...extra,
  };
}

export function networkPolicy(
  namespace: string,
  name: string,
  spec: object = { podSelector: {}, policyTypes: ['Ingress'] },
) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  };
}

export function namespaceObject(
  name: string,
  labels: Record<string, string> = {},
) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** Two namespaces declared, one (`undeclared`) only referenced. */
export function sampleObjects(): object[] {
  return [
    namespaceObject('shop', { team: 'shop' }),
    namespaceObject('payments', { team: 'payments' }),
    pod('shop', 'web-2', { app: 'web', tier: 'frontend', version: '2' }),
    pod('shop', 'web-1', { app: 'web', tier: 'frontend', version: '1' }),
    pod('shop', 'cart-1', { app: 'cart', tier: 'backend' }),
    pod('payments', 'api-1', { app: 'api', tier: 'backend', pci: 'true' }),
    pod('undeclared', 'lonely', { app: 'lonely' }),
    pod(undefined, 'no-namespace', {}),
    networkPolicy('shop', 'default-deny'),
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'calico-node',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'calico-node' },
      },
      spec: { selector: { matchLabels: { 'k8s-app': 'calico-node' } } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 2 },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      data: { mode: 'iptables' },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'payments' },
      spec: { schedule: '0 3 * * *' },
    },
  ];
}
