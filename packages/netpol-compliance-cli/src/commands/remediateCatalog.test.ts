import { parseAllDocuments } from 'yaml';
import { main } from '../main';
import { captureIo, TempDir } from '../__testUtils__/testIo';
import { deploymentYaml, docs, namespaceYaml } from '../__testUtils__/manifests';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: web
  annotations:
    backstage.io/kubernetes-label-selector: app=web
    backstage.io/kubernetes-cluster: prod
spec:
  dependsOn: [api]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: api
  annotations:
    backstage.io/kubernetes-label-selector: app=api
spec: {}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ignored
spec: {}
`;

function setup(extra: string[] = []) {
  const dir = new TempDir();
  const manifests = dir.write(
    'cluster.yaml',
    docs(
      namespaceYaml('shop'),
      namespaceYaml('sandbox'),
      deploymentYaml('shop', 'web'),
      deploymentYaml('shop', 'api', { name: 'http', port: 8080 }),
      deploymentYaml('sandbox', 'toolbox'),
      ...extra,
    ),
  );
  return { catalogFile: dir.write('catalog-info.yaml', catalog), manifests };
}

describe('remediate --catalog', () => {
  it('writes verified least-privilege policies that a GitOps repo can take as they are', async () => {
    const { catalogFile, manifests } = setup();
    const io = captureIo();
    const code = await main(['remediate', 'shop', '--catalog', catalogFile, manifests], io);
    expect(io.stderrText()).toBe('');
    expect(code).toBe(0);
    const text = io.stdoutText();
    expect(text).toMatch(/^# Least-privilege NetworkPolicies for shop/);
    expect(text).toContain('# Verified on the manifests: 1 of 1 declared connections allowed');
    const names = parseAllDocuments(text).map(d => d.toJS().metadata.name);
    expect(names).toEqual([
      'default-deny-ingress',
      'default-deny-egress',
      'allow-dns-egress',
      'allow-ingress-to-deployment-api',
      'allow-egress-from-deployment-web',
    ]);
    const ingress = parseAllDocuments(text)[3].toJS().spec.ingress;
    expect(ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
  });

  it('replaces an existing policy that keeps an undeclared path open, and heads the YAML with it', async () => {
    const openToAll = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{}]
`;
    const { catalogFile, manifests } = setup([openToAll]);
    const io = captureIo();
    const code = await main(['remediate', 'shop', '--catalog', catalogFile, manifests], io);
    expect(io.stderrText()).toBe('');
    expect(code).toBe(0);
    expect(io.stdoutText()).toContain(
      '# Replaces these policies: delete them when you apply this set (the verification assumes they are gone):\n' +
        '#   - shop/allow-all: it admits sources from outside the namespace; the set admits only the declared ones; ' +
          'today it lets in outside the cluster to Deployment/api, sandbox to Deployment/api, outside the cluster to Deployment/web, sandbox to Deployment/web\n' +
        '# Verified on the manifests',
    );
  });

  it('exits 1 and says why when a policy it cannot replace keeps an undeclared path open', async () => {
    const cilium = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: allow-world
  namespace: shop
spec:
  endpointSelector: {}
  ingress:
    - fromEntities: [all]
`;
    const { catalogFile, manifests } = setup([cilium]);
    const io = captureIo();
    const code = await main(['remediate', 'shop', '--catalog', catalogFile, manifests], io);
    expect(code).toBe(1);
    expect(io.stdoutText()).toContain('# NOT verified on the manifests:');
    expect(io.stdoutText()).not.toContain('# Replaces');
    expect(io.stderrText()).toContain('sandbox can still reach');
    expect(io.stderrText()).toContain('CiliumNetworkPolicy shop/allow-world');
  });

  it('adds traffic between the namespace pods with --allow-same-namespace, and refuses --no-dns', async () => {
    const { catalogFile, manifests } = setup();
    const io = captureIo();
    expect(await main(['remediate', 'shop', '--catalog', catalogFile, '--allow-same-namespace', manifests], io)).toBe(0);
    const names = parseAllDocuments(io.stdoutText()).map(d => d.toJS().metadata.name);
    expect(names).toContain('allow-same-namespace');
    const io2 = captureIo();
    expect(await main(['remediate', 'shop', '--catalog', catalogFile, '--no-dns', manifests], io2)).toBe(2);
    expect(io2.stderrText()).toContain('--no-dns does not go with --catalog');
    expect(io2.stdoutText()).toBe('');
  });

  it('refuses --cluster without --catalog', async () => {
    const io = captureIo();
    expect(await main(['remediate', 'shop', '--cluster', 'prod'], io)).toBe(2);
    expect(io.stderrText()).toContain('--cluster goes with --catalog');
  });

  it('honours the cluster annotation only with --cluster', async () => {
    const { catalogFile, manifests } = setup();
    const io = captureIo();
    await main(['remediate', 'shop', '--catalog', catalogFile, '--cluster', 'staging', manifests], io);
    // web is annotated for prod only: on staging nothing declares api's ingress.
    const names = parseAllDocuments(io.stdoutText()).map(d => d.toJS().metadata.name);
    expect(names).not.toContain('allow-ingress-to-deployment-api');
  });

  it('refuses missing manifests and bad namespace names as usage errors', async () => {
    const { catalogFile } = setup();
    const io = captureIo();
    expect(await main(['remediate', 'shop', '--catalog', catalogFile], io)).toBe(2);
    expect(io.stderrText()).toContain('no manifest file or folder given');
    const io2 = captureIo();
    expect(await main(['remediate', 'Shop', '--catalog', catalogFile, 'x.yaml'], io2)).toBe(2);
    expect(io2.stderrText()).toContain('invalid namespace name');
  });
});
