import { buildClusterSnapshot } from './snapshot/buildClusterSnapshot';
import { evaluateCluster } from './engine/evaluateCluster';

function gen() {
  const NS = 2000, PODS = 100000, POL = 10000;
  const namespaces = [], pods = [], policies = [], controllers = [];
  for (let n = 0; n < NS; n++) namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${n}`, uid: `uid-ns-${n}`, resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z', labels: { 'kubernetes.io/metadata.name': `ns-${n}`, team: `team-${n % 50}`, env: n % 3 ? 'prod' : 'dev' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  for (let i = 0; i < PODS; i++) {
    const n = i % NS; const app = `app-${Math.floor(i / NS) % 10}`;
    pods.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${app}-7d9f8-${i}`, namespace: `ns-${n}`, uid: `uid-${i}`, resourceVersion: `${i}`, creationTimestamp: '2024-01-01T00:00:00Z', labels: { app, 'app.kubernetes.io/name': app, 'pod-template-hash': '7d9f8', version: 'v1' }, annotations: { 'prometheus.io/scrape': 'true' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9f8`, uid: `rs-${n}-${app}`, controller: true, blockOwnerDeletion: true }] },
      spec: { serviceAccountName: 'default', nodeName: `node-${i % 300}`, containers: [{ name: app, image: `registry.example.com/${app}:1.2.3`, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '128Mi' } }, env: [{ name: 'A', value: 'b' }] }] },
      status: { phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, podIPs: [{ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }], hostIP: '192.168.0.1', conditions: [{ type: 'Ready', status: 'True' }] } });
  }
  for (let n = 0; n < NS; n++) for (let a = 0; a < 5; a++) {
    const app = `app-${a}`;
    controllers.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${app}-7d9f8`, namespace: `ns-${n}`, ownerReferences: [{ kind: 'Deployment', name: app, controller: true }] }, spec: { template: { metadata: { labels: { app } } } } });
    controllers.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: `ns-${n}` }, spec: { template: { metadata: { labels: { app } }, spec: { containers: [{ name: app, ports: [{ name: 'http', containerPort: 8080 }] }] } } } });
  }
  for (let p = 0; p < POL; p++) {
    const n = p % NS; const k = Math.floor(p / NS);
    let spec: any;
    if (k === 0 && n % 2 === 0) spec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };
    else if (k === 0) spec = { podSelector: {}, policyTypes: ['Ingress'] };
    else if (k === 1) spec = { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }] };
    else if (k === 2) spec = { podSelector: { matchLabels: { app: `app-${n % 10}` } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `team-${(n + 1) % 50}` } }, podSelector: { matchLabels: { app: 'app-1' } } }], ports: [{ port: 'http' }] }] };
    else if (k === 3) spec = { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['app-2', 'app-3'] }] }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }], ports: [{ port: 8080 }] }] };
    else spec = { podSelector: { matchLabels: { app: 'app-4' } }, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] };
    policies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `pol-${p}`, namespace: `ns-${n}`, uid: `np-${p}`, resourceVersion: '1', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z' }, spec });
  }
  return { namespaces, pods, policies, controllers };
}

it('bench', () => {
  const g = gen();
  const raw = [JSON.stringify({ apiVersion: 'v1', kind: 'NamespaceList', items: g.namespaces }), JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: g.pods }), JSON.stringify({ kind: 'NetworkPolicyList', apiVersion: 'networking.k8s.io/v1', items: g.policies }), JSON.stringify({ kind: 'List', items: g.controllers })];
  console.log('raw MB', raw.reduce((a, s) => a + s.length, 0) / 1e6);
  let t = performance.now();
  const parsed = raw.map(s => JSON.parse(s));
  const parseMs = performance.now() - t;
  t = performance.now();
  const { snapshot } = buildClusterSnapshot({ cluster: { name: 'big' }, collectedAt: 'x', objects: parsed });
  const buildMs = performance.now() - t;
  const times: number[] = [];
  let report: any;
  for (let i = 0; i < 3; i++) { t = performance.now(); report = evaluateCluster(snapshot); times.push(performance.now() - t); }
  t = performance.now();
  const s = JSON.stringify(report);
  const ser = performance.now() - t;
  console.log(JSON.stringify({ parseMs, buildMs, evalMs: times, reportMB: s.length / 1e6, serMs: ser }));
  const statuses: Record<string, number> = {};
  for (const n of report.namespaces) for (const r of n.results) statuses[`${r.control}:${r.status}`] = (statuses[`${r.control}:${r.status}`] ?? 0) + 1;
  let reachO = 0; for (const n of report.namespaces) for (const w of n.workloads) if (w.reach.fromOtherNamespaces) reachO++;
  console.log(JSON.stringify(statuses), 'reachOther', reachO);
  expect(report.namespaces.length).toBe(2000);
});
