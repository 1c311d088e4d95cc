/**
 * Objects of the kinds the engine reads besides policies (Namespace, Pod,
 * the pod controllers, ConfigMap) whose fields the engine reads cannot be
 * read as their types say: refused as kubectl apply refuses them (the API
 * server's decoding), never read as a workload with no pods or labels.
 */
import { validateObject } from './validateObject';
import { buildClusterSnapshot } from '../snapshot/buildClusterSnapshot';
import { evaluateCluster } from '../engine/evaluateCluster';
import { nsReport, result } from '../testing/builders';

const deployment = (spec: unknown) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'shop' },
  spec,
});

describe('validateObject: the kinds the engine reads besides policies', () => {
  it.each([
    ['a spec that is a string', deployment('oops'), 'spec: must be a mapping, not a string'],
    ['a template that is a list', deployment({ template: [] }), 'spec.template: must be a mapping, not a list'],
    [
      'containers that are not a list',
      deployment({ template: { spec: { containers: 'web' } } }),
      'spec.template.spec.containers: must be a list, not a string',
    ],
    [
      'a containerPort that is not a number',
      deployment({ template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 'http' }] }] } } }),
      'spec.template.spec.containers[0].ports[0].containerPort: must be an integer, not a string',
    ],
    [
      'a template label that is a mapping',
      deployment({ template: { metadata: { labels: { version: { major: 2 } } } } }),
      'spec.template.metadata.labels[version]: must be a string, not a mapping',
    ],
    [
      'a CronJob job template that is not a mapping',
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: 3 } },
      'spec.jobTemplate: must be a mapping, not an integer',
    ],
    [
      'Pod labels that are a list',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: ['app'] } },
      'metadata.labels: must be a mapping, not a list',
    ],
    [
      'Pod IPs that are strings',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { podIPs: ['10.0.0.1'] } },
      'status.podIPs[0]: must be a mapping, not a string',
    ],
    [
      'owner references that are a mapping',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: { kind: 'ReplicaSet' } } },
      'metadata.ownerReferences: must be a list, not a mapping',
    ],
  ])('refuses %s', (_name, obj, problem) => {
    expect(validateObject(obj.kind, obj.apiVersion, obj)).toEqual([problem]);
  });

  it('accepts the fields it does not read, whatever they hold, and a well-formed workload', () => {
    const ok = deployment({
      replicas: 2,
      strategy: { anything: ['goes'] },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { a: 'b' } },
        spec: {
          hostNetwork: false,
          containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }],
          volumes: [{ name: 'v', emptyDir: {} }],
        },
      },
    });
    expect(validateObject('Deployment', 'apps/v1', ok)).toEqual([]);
  });
});

describe('an unreadable workload in a scan', () => {
  const { snapshot } = buildClusterSnapshot({
    cluster: { name: 'c' },
    collectedAt: '2026-01-01T00:00:00Z',
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      deployment('oops'),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
    ],
  });

  it('is refused as an invalid object, never read as a workload', () => {
    expect(snapshot.controllers).toEqual([]);
    expect(snapshot.invalidObjects).toEqual([
      {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        namespace: 'shop',
        name: 'd',
        problems: ['spec: must be a mapping, not a string'],
      },
    ]);
  });

  it('is listed on its namespace, and the workload controls say a pass may miss it', () => {
    const report = evaluateCluster(snapshot);
    expect(nsReport(report, 'shop').ignored).toEqual([
      {
        object: { kind: 'Deployment', namespace: 'shop', name: 'd' },
        problems: ['spec: must be a mapping, not a string'],
      },
    ]);
    const coverage = result(report, 'shop', 'NETPOL-003');
    expect(coverage.reason).toMatch(/1 Deployment ignored as invalid: shop\/d \(spec: must be a mapping, not a string\)/);
  });
});
