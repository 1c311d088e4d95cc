/** Small manifests for the CLI tests, as the text a user would write. */

export function namespaceYaml(name: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;
}

export function deploymentYaml(
  namespace: string,
  name: string,
  port?: { name: string; port: number },
): string {
  const ports = port
    ? `
          ports:
            - name: ${port.name}
              containerPort: ${port.port}`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: ${name}
          image: registry.example.com/${name}:1${ports}
`;
}

/** Default deny both ways: NETPOL-001, 003, 004 and 005 pass. */
export function defaultDenyYaml(namespace: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${namespace}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
}

/** An ingress rule open to every source: NETPOL-006 warns. */
export function allowAllIngressYaml(namespace: string, app: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-to-${app}
  namespace: ${namespace}
spec:
  podSelector:
    matchLabels: { app: ${app} }
  policyTypes: [Ingress]
  ingress:
    - {}
`;
}

/** `web` may call `api` on its port named http, both ways. */
export function webToApiYaml(namespace: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-to-api
  namespace: ${namespace}
spec:
  podSelector:
    matchLabels: { app: web }
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector:
            matchLabels: { app: api }
      ports:
        - port: http
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-web
  namespace: ${namespace}
spec:
  podSelector:
    matchLabels: { app: api }
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels: { app: web }
      ports:
        - port: 8080
`;
}

export function docs(...documents: string[]): string {
  return documents.join('---\n');
}
