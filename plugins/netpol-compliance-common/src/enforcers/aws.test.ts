import { cases, detected, expected, type DetectionRow } from './testRows';
import { configMap, container, daemonSet } from '../testing/builders';

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
    name: 'AWS VPC CNI with the agent and --enable-network-policy=true',
    input: {
      controllers: [
        awsNode(['--enable-network-policy=true', '--enable-ipv6=false']),
      ],
    },
    status: 'pass',
    enforcer: 'AWS VPC CNI network-policy agent',
    reason: /AWS VPC CNI network-policy agent enforces/,
  },
  {
    name: 'AWS VPC CNI with the agent but the flag false',
    input: { controllers: [awsNode(['--enable-network-policy=false'])] },
    status: 'fail',
    reason: /--enable-network-policy=false: policies are not enforced/,
  },
  {
    name: 'AWS VPC CNI with the agent and no flag (default false)',
    input: { controllers: [awsNode(['--metrics-bind-addr=:8162'])] },
    status: 'fail',
    reason: /without --enable-network-policy \(default false\)/,
  },
  {
    name: 'AWS ConfigMap alone is not enough',
    input: {
      controllers: [awsNode(['--enable-network-policy=false'])],
      configMaps: [
        configMap('kube-system', 'amazon-vpc-cni', {
          'enable-network-policy-controller': 'true',
        }),
      ],
    },
    status: 'fail',
    reason: /not enforced/,
  },
  {
    name: 'plain aws-node without the agent',
    input: { controllers: [awsNode()] },
    status: 'fail',
    reason: /AWS VPC CNI alone does not enforce/,
  },
];

describe('AWS VPC CNI', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
