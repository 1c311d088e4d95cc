import { resolveWorkloads } from './resolveWorkloads';
import { controller, pod, port } from '../testing/builders';

describe('resolveWorkloads', () => {
  it.each<[string, Parameters<typeof resolveWorkloads>[0], string[]]>([
    [
      'pod → ReplicaSet → Deployment',
      {
        pods: [
          pod(
            'a',
            'web-1',
            { app: 'web' },
            { owner: { kind: 'ReplicaSet', name: 'web-5d8' } },
          ),
        ],
        controllers: [
          controller('ReplicaSet', 'a', 'web-5d8', {
            owner: { kind: 'Deployment', name: 'web' },
          }),
          controller('Deployment', 'a', 'web', {
            templateLabels: { app: 'web' },
          }),
        ],
      },
      ['Deployment/web:1'],
    ],
    [
      'ReplicaSet not read: Deployment recovered from pod-template-hash',
      {
        pods: [
          pod(
            'a',
            'web-1',
            { app: 'web', 'pod-template-hash': '5d8' },
            { owner: { kind: 'ReplicaSet', name: 'web-5d8' } },
          ),
        ],
        controllers: [],
      },
      ['Deployment/web:1'],
    ],
    [
      'a bare ReplicaSet',
      {
        pods: [
          pod('a', 'rs-1', {}, { owner: { kind: 'ReplicaSet', name: 'rs' } }),
        ],
        controllers: [controller('ReplicaSet', 'a', 'rs')],
      },
      ['ReplicaSet/rs:1'],
    ],
    [
      'pod → Job → CronJob',
      {
        pods: [
          pod(
            'a',
            'backup-28-x',
            {},
            { owner: { kind: 'Job', name: 'backup-28' } },
          ),
        ],
        controllers: [
          controller('Job', 'a', 'backup-28', {
            owner: { kind: 'CronJob', name: 'backup' },
          }),
          controller('CronJob', 'a', 'backup'),
        ],
      },
      ['CronJob/backup:1'],
    ],
    [
      'StatefulSet',
      {
        pods: [
          pod('a', 'db-0', {}, { owner: { kind: 'StatefulSet', name: 'db' } }),
        ],
        controllers: [],
      },
      ['StatefulSet/db:1'],
    ],
    [
      'DaemonSet',
      {
        pods: [
          pod(
            'a',
            'agent-x',
            {},
            { owner: { kind: 'DaemonSet', name: 'agent' } },
          ),
        ],
        controllers: [],
      },
      ['DaemonSet/agent:1'],
    ],
    [
      'ReplicationController',
      {
        pods: [
          pod(
            'a',
            'rc-x',
            {},
            { owner: { kind: 'ReplicationController', name: 'rc' } },
          ),
        ],
        controllers: [],
      },
      ['ReplicationController/rc:1'],
    ],
    [
      'bare pod',
      { pods: [pod('a', 'debug')], controllers: [] },
      ['Pod/debug:1'],
    ],
    [
      'static pod (owned by a Node)',
      {
        pods: [
          pod(
            'a',
            'etcd-node1',
            {},
            { owner: { kind: 'Node', name: 'node1' } },
          ),
        ],
        controllers: [],
      },
      ['Pod/etcd-node1:1'],
    ],
    [
      'operator-owned pod',
      {
        pods: [pod('a', 'x-0', {}, { owner: { kind: 'Rollout', name: 'x' } })],
        controllers: [],
      },
      ['Rollout/x:1'],
    ],
    [
      'replicas are counted once',
      {
        pods: [
          pod(
            'a',
            'web-1',
            {},
            { owner: { kind: 'ReplicaSet', name: 'web-1a' } },
          ),
          pod(
            'a',
            'web-2',
            {},
            { owner: { kind: 'ReplicaSet', name: 'web-1a' } },
          ),
        ],
        controllers: [
          controller('ReplicaSet', 'a', 'web-1a', {
            owner: { kind: 'Deployment', name: 'web' },
          }),
        ],
      },
      ['Deployment/web:2'],
    ],
    [
      'hostNetwork and finished pods are skipped',
      {
        pods: [
          pod('a', 'h', {}, { hostNetwork: true }),
          pod('a', 'done', {}, { phase: 'Succeeded' }),
          pod('a', 'crashed', {}, { phase: 'Failed' }),
        ],
        controllers: [],
      },
      [],
    ],
    [
      'controllers without pods are evaluated from their template (GitOps)',
      {
        pods: [],
        controllers: [
          controller('Deployment', 'a', 'web', {
            templateLabels: { app: 'web' },
          }),
          controller('CronJob', 'a', 'backup', {
            templateLabels: { job: 'backup' },
          }),
          controller('DaemonSet', 'a', 'node-exporter', { hostNetwork: true }),
          controller('ReplicaSet', 'a', 'web-old', {
            owner: { kind: 'Deployment', name: 'web' },
          }),
        ],
      },
      ['CronJob/backup:0', 'Deployment/web:0'],
    ],
    [
      'Job not read, its CronJob read: the CronJob',
      {
        pods: [
          pod(
            'a',
            'backup-29000000-x',
            {},
            { owner: { kind: 'Job', name: 'backup-29000000' } },
          ),
        ],
        controllers: [controller('CronJob', 'a', 'backup')],
      },
      ['CronJob/backup:1'],
    ],
    [
      'Job and CronJob not read: the Job',
      {
        pods: [
          pod(
            'a',
            'backup-29000000-x',
            {},
            { owner: { kind: 'Job', name: 'backup-29000000' } },
          ),
        ],
        controllers: [],
      },
      ['Job/backup-29000000:1'],
    ],
    [
      'ReplicaSet read, Deployment not read: the Deployment',
      {
        pods: [
          pod(
            'a',
            'web-1',
            {},
            { owner: { kind: 'ReplicaSet', name: 'web-5d8' } },
          ),
        ],
        controllers: [
          controller('ReplicaSet', 'a', 'web-5d8', {
            owner: { kind: 'Deployment', name: 'web' },
          }),
        ],
      },
      ['Deployment/web:1'],
    ],
    [
      'DaemonSet and StatefulSet not read (a pods-only dump)',
      {
        pods: [
          pod(
            'a',
            'agent-1',
            {},
            { owner: { kind: 'DaemonSet', name: 'node-agent' } },
          ),
          pod(
            'a',
            'agent-2',
            {},
            { owner: { kind: 'DaemonSet', name: 'node-agent' } },
          ),
          pod('a', 'db-0', {}, { owner: { kind: 'StatefulSet', name: 'db' } }),
        ],
        controllers: [],
      },
      ['DaemonSet/node-agent:2', 'StatefulSet/db:1'],
    ],
  ])('%s', (_n, input, expected) => {
    const list = resolveWorkloads(input).get('a') ?? [];
    expect(list.map(w => `${w.id}:${w.pods}`)).toEqual(expected);
  });

  it('keeps template labels and ports for template workloads', () => {
    const [w] = resolveWorkloads({
      pods: [],
      controllers: [
        controller('Deployment', 'a', 'web', {
          templateLabels: { app: 'web' },
          templatePorts: [port(80, 'http')],
        }),
      ],
    }).get('a')!;
    expect(w.fromTemplate).toBe(true);
    expect(w.livePods).toEqual([]);
    expect(w.template).toEqual({
      labels: { app: 'web' },
      ports: [{ containerPort: 80, name: 'http' }],
    });
  });

  it('prefers live pods over the template', () => {
    const [w] = resolveWorkloads({
      pods: [
        pod(
          'a',
          'web-1',
          { app: 'web', v: '2' },
          { owner: { kind: 'Deployment', name: 'web' } },
        ),
      ],
      controllers: [
        controller('Deployment', 'a', 'web', {
          templateLabels: { app: 'web' },
        }),
      ],
    }).get('a')!;
    expect(w.fromTemplate).toBe(false);
    expect(w.template).toBeUndefined();
    expect(w.livePods.map(p => p.labels)).toEqual([{ app: 'web', v: '2' }]);
  });
});
