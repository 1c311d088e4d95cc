import {
  cases,
  detected,
  expected,
  calicoNode,
  flannel,
  type DetectionRow,
} from './testRows';
import {
  configMap,
  container,
  daemonSet,
  missing,
  snapshot,
} from '../testing/builders';
import { detectEnforcer, flagValue } from './detectEnforcer';

const awsNode = (agentArgs?: string[]) =>
  daemonSet('kube-system', 'aws-node', [
    container(
      'aws-node',
      [],
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0',
    ),
    ...(agentArgs ? [container('aws-eks-nodeagent', agentArgs)] : []),
  ]);

const rows1: DetectionRow[] = [
  {
    name: 'nothing recognised',
    input: {
      controllers: [
        daemonSet('kube-system', 'kube-proxy', [container('kube-proxy')]),
      ],
    },
    status: 'unknown',
    reason: /No known network plugin was recognised/,
  },
  {
    name: 'controllers unreadable',
    input: {
      controllers: [],
      missing: [missing('controllers', 'daemonsets is forbidden')],
    },
    status: 'unknown',
    reason: /could not be read: daemonsets is forbidden/,
  },
  {
    name: 'controllers unreadable in kube-system only',
    input: {
      controllers: [flannel],
      missing: [missing('controllers', 'timeout', 'kube-system')],
    },
    status: 'unknown',
    reason: /could not be read in kube-system: timeout/,
  },
  {
    name: 'an enforcer seen is enough even when another read failed',
    input: {
      controllers: [calicoNode()],
      missing: [missing('controllers', 'timeout', 'kube-system')],
    },
    status: 'pass',
    enforcer: 'Calico',
    reason: /Calico/,
  },
  {
    name: 'one enforcing plugin beside a non-enforcing one passes',
    input: { controllers: [awsNode(), calicoNode('kube-system')] },
    status: 'pass',
    enforcer: 'Calico',
    reason: /Calico enforces/,
  },
];

describe('detection across plugins', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});

describe('detectEnforcer', () => {
  it('notes the AWS ConfigMap key that does not enforce on its own', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [awsNode()],
        configMaps: [
          configMap('kube-system', 'amazon-vpc-cni', {
            'enable-network-policy-controller': 'true',
          }),
        ],
      }),
    );
    expect(d.notes.join()).toMatch(
      /amazon-vpc-cni sets enable-network-policy-controller/,
    );
    expect(d.enforcers[0]).toMatchObject({
      name: 'AWS VPC CNI',
      enforcing: false,
      state: 'not-enforcing',
      source: 'DaemonSet kube-system/aws-node',
    });
  });

  it('marks undecidable findings as undetermined', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [
          daemonSet('kube-system', 'kindnet', [
            container('kindnet-cni', [], 'kindnetd:latest'),
          ]),
        ],
      }),
    );
    expect(d.enforcers[0].state).toBe('undetermined');
  });
});

describe('flagValue', () => {
  it.each<[string[], string | undefined]>([
    [['--enable-network-policy=true'], 'true'],
    [['-enable-network-policy=false'], 'false'],
    [['--enable-network-policy'], 'true'],
    [['--other=1'], undefined],
    [['/bin/agent --enable-network-policy=true --x'], 'true'],
    [
      ['--enable-network-policy=true', '--enable-network-policy=false'],
      'false',
    ],
  ])('%j → %s', (args, value) => {
    expect(flagValue(args, 'enable-network-policy')).toBe(value);
  });
});
