import {
  buildClusterSnapshot,
  ClusterSnapshotBuilder,
  toSnapshotRecords,
} from './buildClusterSnapshot';
import { evaluateCluster } from '../engine/evaluateCluster';

const objects = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'shop',
      labels: { team: 'shop' },
      annotations: { a: 'b' },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      labels: { app: 'web', version: 2, 'pod-template-hash': '5d8' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-5d8',
          uid: 'u1',
          controller: true,
        },
      ],
      managedFields: [{ huge: true }],
    },
    spec: {
      hostNetwork: false,
      containers: [
        {
          name: 'web',
          image: 'nginx',
          ports: [
            { name: 'http', containerPort: 8080 },
            { containerPort: 53, protocol: 'UDP' },
          ],
        },
      ],
      initContainers: [
        {
          name: 'proxy',
          restartPolicy: 'Always',
          ports: [{ name: 'admin', containerPort: 15000 }],
        },
        { name: 'migrate', ports: [{ containerPort: 9999 }] },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.1',
      podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }],
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1',
              ports: [{ containerPort: 80 }],
              env: [
                { name: 'A', value: '1' },
                {
                  name: 'S',
                  valueFrom: { secretKeyRef: { name: 's', key: 'k' } },
                },
              ],
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report', namespace: 'shop' },
    spec: {
      jobTemplate: {
        spec: {
          template: {
            metadata: { labels: { job: 'report' } },
            spec: { containers: [{ name: 'r' }] },
          },
        },
      },
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: 'deny',
      namespace: 'shop',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{...}',
        owner: 'team',
      },
    },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  },
  {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'NetworkPolicy',
        metadata: { name: 'c', namespace: 'calico-ns' },
        spec: { selector: 'all()' },
      },
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'GlobalNetworkPolicy',
        metadata: { name: 'g' },
        spec: { selector: 'all()' },
      },
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'cnp', namespace: 'cilium-ns' },
        specs: [{ endpointSelector: {} }],
      },
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumClusterwideNetworkPolicy',
        metadata: { name: 'ccnp' },
        spec: { endpointSelector: {} },
      },
    ],
  },
  {
    apiVersion: 'v1',
    kind: 'PodList',
    items: [
      {
        metadata: { name: 'listed', namespace: 'typed-list' },
        spec: { containers: [] },
        status: { phase: 'Pending' },
      },
    ],
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cilium-config', namespace: 'kube-system' },
    data: { 'enable-policy': 'default' },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app-settings', namespace: 'shop' },
    data: { password: 'x' },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'shop' },
  },
  {
    apiVersion: 'example.com/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'x', namespace: 'shop' },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'unnamespaced' },
    spec: {
      template: {
        spec: {
          hostNetwork: true,
          containers: [{ name: 'c', args: ['--x=1'] }],
        },
      },
    },
  },
];

describe('buildClusterSnapshot', () => {
  const { snapshot, skipped } = buildClusterSnapshot({
    cluster: { name: 'prod' },
    collectedAt: '2026-02-03T04:05:06Z',
    objects,
    missing: [{ resource: 'pods', namespace: 'dev', reason: 'forbidden' }],
  });

  it('counts what it does not keep, by kind', () => {
    expect(skipped).toEqual({
      ConfigMap: 1,
      Service: 2,
      'NetworkPolicy (example.com)': 1,
    });
  });

  it('declares referenced namespaces with kubernetes.io/metadata.name', () => {
    expect(snapshot.namespaces.map(n => n.name)).toEqual([
      'calico-ns',
      'cilium-ns',
      'default',
      'kube-system',
      'shop',
      'typed-list',
    ]);
    expect(snapshot.namespaces.find(n => n.name === 'shop')).toEqual({
      name: 'shop',
      labels: { team: 'shop', 'kubernetes.io/metadata.name': 'shop' },
      annotations: { a: 'b' },
    });
    expect(
      snapshot.namespaces.find(n => n.name === 'cilium-ns')!.labels,
    ).toEqual({ 'kubernetes.io/metadata.name': 'cilium-ns' });
  });

  it('keeps only the pod fields the engine needs', () => {
    expect(snapshot.pods[0]).toEqual({
      namespace: 'shop',
      name: 'web-1',
      labels: { app: 'web', version: '2', 'pod-template-hash': '5d8' },
      ownerReferences: [
        { kind: 'ReplicaSet', name: 'web-5d8', uid: 'u1', controller: true },
      ],
      phase: 'Running',
      podIPs: ['10.0.0.1', 'fd00::1'],
      ports: [
        { name: 'http', containerPort: 8080 },
        { containerPort: 53, protocol: 'UDP' },
        { name: 'admin', containerPort: 15000 },
      ],
    });
    expect(snapshot.pods[1]).toMatchObject({
      namespace: 'typed-list',
      name: 'listed',
      phase: 'Pending',
    });
  });

  it('keeps controllers with their pod template (CronJob: the job template)', () => {
    const deploy = snapshot.controllers.find(c => c.kind === 'Deployment')!;
    expect(deploy).toMatchObject({
      templateLabels: { app: 'web' },
      templatePorts: [{ containerPort: 80 }],
    });
    expect(deploy.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'S' },
    ]);
    const cronJob = snapshot.controllers.find(c => c.kind === 'CronJob')!;
    expect(cronJob.templateLabels).toEqual({ job: 'report' });
    // Containers are kept only where enforcer detection reads them.
    expect(cronJob.containers).toEqual([]);
    expect(
      snapshot.controllers.find(c => c.kind === 'DaemonSet'),
    ).toMatchObject({
      namespace: 'default',
      templateHostNetwork: true,
      containers: [{ name: 'c', args: ['--x=1'] }],
    });
  });

  it('keeps Kubernetes NetworkPolicies without the last-applied copy', () => {
    expect(snapshot.networkPolicies).toEqual([
      {
        namespace: 'shop',
        name: 'deny',
        labels: {},
        annotations: { owner: 'team' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
    ]);
  });

  it('maps Cilium and Calico kinds', () => {
    expect(snapshot.otherPolicies).toEqual([
      {
        kind: 'CalicoNetworkPolicy',
        namespace: 'calico-ns',
        name: 'c',
        spec: { selector: 'all()' },
      },
      {
        kind: 'CalicoGlobalNetworkPolicy',
        name: 'g',
        spec: { selector: 'all()' },
      },
      {
        kind: 'CiliumNetworkPolicy',
        namespace: 'cilium-ns',
        name: 'cnp',
        spec: [{ endpointSelector: {} }],
      },
      {
        kind: 'CiliumClusterwideNetworkPolicy',
        name: 'ccnp',
        spec: { endpointSelector: {} },
      },
    ]);
  });

  it('keeps only the ConfigMaps enforcer detection reads', () => {
    expect(snapshot.configMaps).toEqual([
      {
        namespace: 'kube-system',
        name: 'cilium-config',
        data: { 'enable-policy': 'default' },
      },
    ]);
  });

  it('builds the same snapshot from list items converted one by one, in any order', () => {
    // As the backend scans: each API list item (no kind of its own) becomes
    // records as its page arrives; lists finish in any order.
    const builder = new ClusterSnapshotBuilder({
      cluster: { name: 'c1' },
      collectedAt: '2025-01-01T00:00:00Z',
    });
    for (const obj of [...objects].reverse()) {
      const { kind, apiVersion, ...item } = obj as Record<string, any>;
      for (const record of toSnapshotRecords(item, kind, apiVersion))
        builder.add(record);
    }
    builder.addMissing({ resource: 'pods', reason: 'forbidden' });
    const streamed = builder.build();
    const whole = buildClusterSnapshot({
      cluster: { name: 'c1' },
      collectedAt: '2025-01-01T00:00:00Z',
      objects,
      missing: [{ resource: 'pods', reason: 'forbidden' }],
    });
    const byName = (list: Array<{ name: string }>) =>
      [...list].sort((a, b) => a.name.localeCompare(b.name));
    expect(streamed.snapshot.namespaces).toEqual(whole.snapshot.namespaces);
    expect(byName(streamed.snapshot.pods)).toEqual(byName(whole.snapshot.pods));
    expect(byName(streamed.snapshot.controllers)).toEqual(
      byName(whole.snapshot.controllers),
    );
    expect(byName(streamed.snapshot.networkPolicies)).toEqual(
      byName(whole.snapshot.networkPolicies),
    );
    expect(streamed.snapshot.missing).toEqual(whole.snapshot.missing);
    expect(streamed.skipped).toEqual(whole.skipped);
  });

  it('passes cluster, time and missing data through', () => {
    expect(snapshot.cluster).toEqual({ name: 'prod' });
    expect(snapshot.collectedAt).toBe('2026-02-03T04:05:06Z');
    expect(snapshot.missing).toEqual([
      { resource: 'pods', namespace: 'dev', reason: 'forbidden' },
    ]);
  });

  it('feeds the engine: a GitOps folder is evaluated like a cluster', () => {
    const report = evaluateCluster(snapshot);
    const shop = report.namespaces.find(n => n.namespace === 'shop')!;
    expect(shop.workloads.map(w => `${w.kind}/${w.name}:${w.pods}`)).toEqual([
      'CronJob/report:0',
      'Deployment/web:1',
    ]);
    expect(shop.results.find(r => r.control === 'NETPOL-003')!.status).toBe(
      'pass',
    );
  });
});

describe('policies the API server would reject', () => {
  const build = (objs: Array<Record<string, any>>) =>
    buildClusterSnapshot({
      cluster: { name: 'c' },
      collectedAt: '2026-01-01T00:00:00Z',
      objects: objs,
    }).snapshot;
  const netpol = (
    name: string,
    spec: unknown,
    apiVersion = 'networking.k8s.io/v1',
  ) => ({
    apiVersion,
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'shop' },
    spec,
  });

  it.each<[string, Record<string, any>]>([
    [
      'an empty peer',
      netpol('p', { podSelector: {}, ingress: [{ from: [{}] }] }),
    ],
    [
      'cidr /33',
      netpol('p', {
        podSelector: {},
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }],
      }),
    ],
    [
      'apiVersion v1',
      netpol('p', { podSelector: {}, policyTypes: ['Ingress'] }, 'v1'),
    ],
    [
      'spec.podselector',
      netpol('p', {
        podselector: { matchLabels: { app: 'x' } },
        policyTypes: ['Ingress'],
      }),
    ],
    [
      'a Cilium rule without endpointSelector',
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'p', namespace: 'shop' },
        spec: { ingress: [{}] },
      },
    ],
    [
      'a Calico rule with action Accept',
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'NetworkPolicy',
        metadata: { name: 'p', namespace: 'shop' },
        spec: { ingress: [{ action: 'Accept' }] },
      },
    ],
  ])('%s goes to invalidObjects, never to a policy list', (_name, obj) => {
    const snapshot = build([obj]);
    expect(snapshot.networkPolicies).toEqual([]);
    expect(snapshot.otherPolicies).toEqual([]);
    expect(snapshot.adminPolicies).toEqual([]);
    expect(snapshot.invalidObjects).toHaveLength(1);
    const invalid = snapshot.invalidObjects![0];
    expect(invalid).toMatchObject({
      kind: obj.kind,
      namespace: 'shop',
      name: 'p',
    });
    expect(invalid.problems.length).toBeGreaterThan(0);
    expect(snapshot.namespaces.map(n => n.name)).toEqual(['shop']);
  });

  it('names the field of each problem', () => {
    const snapshot = build([
      netpol('web-ingress', { podSelector: {}, ingress: [{ from: [{}] }] }),
    ]);
    expect(snapshot.invalidObjects![0].problems).toEqual([
      'spec.ingress[0].from[0]: required value: must specify a peer',
    ]);
  });

  it('validates list items with the kind and apiVersion of their list (cluster scans)', () => {
    const records = toSnapshotRecords(
      {
        metadata: { name: 'p', namespace: 'shop' },
        spec: { podSelector: {}, ingress: [{ from: [{}] }] },
      },
      'NetworkPolicy',
      'networking.k8s.io/v1',
    );
    expect(records.map(r => r.type)).toEqual(['invalidObject']);
    const ok = toSnapshotRecords(
      { metadata: { name: 'p', namespace: 'shop' }, spec: { podSelector: {} } },
      'NetworkPolicy',
      'networking.k8s.io/v1',
    );
    expect(ok.map(r => r.type)).toEqual(['networkPolicy']);
  });

  it('keeps a valid policy of each kind in its list', () => {
    const snapshot = build([
      netpol('k8s', {
        podSelector: {},
        ingress: [{ from: [{ ipBlock: { cidr: '010.0.0.0/8' } }] }],
      }),
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'c', namespace: 'shop' },
        spec: { endpointSelector: {}, ingress: [{}] },
      },
      {
        apiVersion: 'projectcalico.org/v3',
        kind: 'GlobalNetworkPolicy',
        metadata: { name: 'g' },
        spec: { selector: 'all()', types: ['Ingress'] },
      },
    ]);
    expect(snapshot.invalidObjects).toEqual([]);
    expect(snapshot.networkPolicies.map(p => p.name)).toEqual(['k8s']);
    expect(snapshot.otherPolicies.map(p => `${p.kind}/${p.name}`)).toEqual([
      'CiliumNetworkPolicy/c',
      'CalicoGlobalNetworkPolicy/g',
    ]);
  });
});

describe('network-policy API kinds and service accounts', () => {
  it('routes AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy to adminPolicies', () => {
    const { snapshot, skipped } = buildClusterSnapshot({
      cluster: { name: 'c' },
      collectedAt: '2026-01-01T00:00:00Z',
      objects: [
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha1',
          kind: 'AdminNetworkPolicy',
          metadata: { name: 'a' },
          spec: { priority: 10, subject: { namespaces: {} } },
        },
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha1',
          kind: 'BaselineAdminNetworkPolicy',
          metadata: { name: 'default' },
          spec: { subject: { namespaces: {} } },
        },
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha2',
          kind: 'ClusterNetworkPolicy',
          metadata: { name: 'c' },
          spec: { tier: 'Admin', priority: 5, subject: { namespaces: {} } },
        },
        {
          apiVersion: 'crd.antrea.io/v1beta1',
          kind: 'ClusterNetworkPolicy',
          metadata: { name: 'antrea' },
          spec: {},
        },
      ],
    });
    expect(
      snapshot.adminPolicies!.map(p => `${p.kind}/${p.name}@${p.apiVersion}`),
    ).toEqual([
      'AdminNetworkPolicy/a@policy.networking.k8s.io/v1alpha1',
      'BaselineAdminNetworkPolicy/default@policy.networking.k8s.io/v1alpha1',
      'ClusterNetworkPolicy/c@policy.networking.k8s.io/v1alpha2',
    ]);
    expect(snapshot.adminPolicies![0].spec).toEqual({
      priority: 10,
      subject: { namespaces: {} },
    });
    expect(skipped).toEqual({ ClusterNetworkPolicy: 1 });
  });

  it('refuses an admin policy its schema rejects (validateAdminPolicy)', () => {
    const { snapshot } = buildClusterSnapshot({
      cluster: { name: 'c' },
      collectedAt: '2026-01-01T00:00:00Z',
      objects: [
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha1',
          kind: 'AdminNetworkPolicy',
          metadata: { name: 'a' },
          spec: { priority: 10 },
        },
        {
          apiVersion: 'policy.networking.k8s.io/v1alpha2',
          kind: 'AdminNetworkPolicy',
          metadata: { name: 'b' },
          spec: { priority: 10, subject: { namespaces: {} } },
        },
      ],
    });
    expect(snapshot.adminPolicies).toEqual([]);
    expect(snapshot.invalidObjects!.map(o => o.name)).toEqual(['a', 'b']);
    expect(snapshot.invalidObjects![0].namespace).toBeUndefined();
  });

  it('keeps the service account of pods and pod templates', () => {
    const { snapshot } = buildClusterSnapshot({
      cluster: { name: 'c' },
      collectedAt: '2026-01-01T00:00:00Z',
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'shop' },
          spec: { serviceAccountName: 'web', containers: [] },
        },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'q', namespace: 'shop' },
          spec: { serviceAccount: 'legacy', containers: [] },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'd', namespace: 'shop' },
          spec: {
            template: { spec: { serviceAccountName: 'api', containers: [] } },
          },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'cj', namespace: 'shop' },
          spec: {
            jobTemplate: {
              spec: { template: { spec: { serviceAccountName: 'batch' } } },
            },
          },
        },
      ],
    });
    expect(snapshot.pods.map(p => p.serviceAccountName)).toEqual([
      'web',
      'legacy',
    ]);
    expect(snapshot.controllers.map(c => c.templateServiceAccountName)).toEqual(
      ['api', 'batch'],
    );
  });
});
