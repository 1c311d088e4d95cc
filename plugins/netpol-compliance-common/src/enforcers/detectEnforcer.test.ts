import {
  detectEnforcer,
  evaluateEnforcerControl,
  flagValue,
} from './detectEnforcer';
import {
  configMap,
  container,
  controller,
  daemonSet,
  missing,
  snapshot,
} from '../testing/builders';
import type { ClusterSnapshot } from '../snapshot';

const awsNode = (agentArgs?: string[]) =>
  daemonSet('kube-system', 'aws-node', [
    container(
      'aws-node',
      [],
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0',
    ),
    ...(agentArgs ? [container('aws-eks-nodeagent', agentArgs)] : []),
  ]);
const calicoNode = (ns = 'calico-system') =>
  daemonSet(ns, 'calico-node', [container('calico-node')]);
const flannel = daemonSet('kube-flannel', 'kube-flannel-ds', [
  container('kube-flannel', ['--ip-masq', '--kube-subnet-mgr']),
]);
const cilium = daemonSet('kube-system', 'cilium', [
  container('cilium-agent', ['--config-dir=/tmp/cilium/config-map']),
]);

interface Row {
  name: string;
  input: Partial<ClusterSnapshot>;
  status: 'pass' | 'fail' | 'unknown';
  enforcer?: string;
  reason: RegExp;
}

const rows: Row[] = [
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
  {
    name: 'Calico (operator install)',
    input: { controllers: [calicoNode()] },
    status: 'pass',
    enforcer: 'Calico',
    reason: /Calico enforces.*calico-system\/calico-node/,
  },
  {
    name: 'Calico (manifest / GKE add-on in kube-system)',
    input: { controllers: [calicoNode('kube-system')] },
    status: 'pass',
    enforcer: 'Calico',
    reason: /kube-system\/calico-node/,
  },
  {
    name: 'Canal: calico-node beside flannel',
    input: { controllers: [calicoNode('kube-system'), flannel] },
    status: 'pass',
    enforcer: 'Canal (Calico with flannel)',
    reason: /Canal/,
  },
  {
    name: 'Canal as one DaemonSet',
    input: {
      controllers: [
        daemonSet('kube-system', 'canal', [
          container('calico-node'),
          container('kube-flannel'),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'Canal (Calico with flannel)',
    reason: /Canal/,
  },
  {
    name: 'Cilium without cilium-config',
    input: { controllers: [cilium] },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium enforces/,
  },
  {
    name: 'Cilium enable-policy default',
    input: {
      controllers: [cilium],
      configMaps: [
        configMap('kube-system', 'cilium-config', {
          'enable-policy': 'default',
        }),
      ],
    },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium/,
  },
  {
    name: 'Cilium enable-policy always',
    input: {
      controllers: [cilium],
      configMaps: [
        configMap('kube-system', 'cilium-config', {
          'enable-policy': 'always',
        }),
      ],
    },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium/,
  },
  {
    name: 'Cilium key absent',
    input: {
      controllers: [cilium],
      configMaps: [
        configMap('kube-system', 'cilium-config', { 'enable-ipv6': 'false' }),
      ],
    },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium/,
  },
  {
    name: 'Cilium enable-policy never disables',
    input: {
      controllers: [cilium],
      configMaps: [
        configMap('kube-system', 'cilium-config', { 'enable-policy': 'never' }),
      ],
    },
    status: 'fail',
    reason: /enable-policy: never/,
  },
  {
    name: 'Cilium with cilium-config unreadable',
    input: {
      controllers: [cilium],
      missing: [missing('configmaps', 'forbidden')],
    },
    status: 'unknown',
    reason: /cilium-config could not be read/,
  },
  {
    name: 'a DaemonSet named cilium without cilium-agent is not Cilium',
    input: {
      controllers: [
        daemonSet('kube-system', 'cilium', [container('something')]),
      ],
    },
    status: 'unknown',
    reason: /No known network plugin/,
  },
  {
    name: 'GKE Dataplane V2',
    input: {
      controllers: [
        daemonSet('kube-system', 'anetd', [container('cilium-agent')]),
      ],
    },
    status: 'pass',
    enforcer: 'GKE Dataplane V2',
    reason: /GKE Dataplane V2/,
  },
  {
    name: 'Azure NPM',
    input: {
      controllers: [
        daemonSet('kube-system', 'azure-npm', [container('azure-npm')]),
      ],
    },
    status: 'pass',
    enforcer: 'Azure NPM',
    reason: /Azure NPM/,
  },
  {
    name: 'Antrea agent and controller',
    input: {
      controllers: [
        daemonSet('kube-system', 'antrea-agent', [container('antrea-agent')]),
        controller('Deployment', 'kube-system', 'antrea-controller'),
      ],
    },
    status: 'pass',
    enforcer: 'Antrea',
    reason: /Antrea/,
  },
  {
    name: 'Antrea agent without the controller seen',
    input: {
      controllers: [
        daemonSet('kube-system', 'antrea-agent', [container('antrea-agent')]),
      ],
    },
    status: 'unknown',
    reason: /antrea-controller Deployment was not seen/,
  },
  {
    name: 'Weave Net with weave-npc',
    input: {
      controllers: [
        daemonSet('kube-system', 'weave-net', [
          container('weave'),
          container('weave-npc'),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'Weave Net',
    reason: /Weave Net/,
  },
  {
    name: 'Weave Net without weave-npc',
    input: {
      controllers: [
        daemonSet('kube-system', 'weave-net', [container('weave')]),
      ],
    },
    status: 'fail',
    reason: /without its weave-npc container/,
  },
  {
    name: 'kube-router with --run-firewall=true',
    input: {
      controllers: [
        daemonSet('kube-system', 'kube-router', [
          container('kube-router', [
            '--run-router=true',
            '--run-firewall=true',
          ]),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'kube-router',
    reason: /kube-router/,
  },
  {
    name: 'kube-router routes only (--run-firewall=false)',
    input: {
      controllers: [
        daemonSet('kube-system', 'kube-router', [
          container('kube-router', [
            '--run-router=true',
            '--run-firewall=false',
          ]),
        ]),
      ],
    },
    status: 'fail',
    reason: /--run-firewall=false \(routes only\)/,
  },
  {
    name: 'kube-router without the flag (its default is true)',
    input: {
      controllers: [
        daemonSet('kube-system', 'kube-router', [
          container('kube-router', ['--run-router=true']),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'kube-router',
    reason: /kube-router/,
  },
  {
    name: 'kind 0.24+ kindnet',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container(
            'kindnet-cni',
            [],
            'docker.io/kindest/kindnetd:v20240813-c6f155d6',
          ),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'kindnet',
    reason: /kindnet/,
  },
  {
    name: 'older kindnet',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container(
            'kindnet-cni',
            [],
            'docker.io/kindest/kindnetd:v20240202-8f1494ea',
          ),
        ]),
      ],
    },
    status: 'fail',
    reason: /predates kind 0\.24/,
  },
  {
    name: 'kindnet with --network-policy=true',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container(
            'kindnet-cni',
            ['--network-policy=true'],
            'ghcr.io/aojea/kindnetd:stable',
          ),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'kindnet',
    reason: /kindnet/,
  },
  {
    name: 'kindnet of unknown version',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container('kindnet-cni', [], 'ghcr.io/aojea/kindnetd:stable'),
        ]),
      ],
    },
    status: 'unknown',
    reason: /cannot tell/,
  },
  {
    name: 'flannel alone',
    input: { controllers: [flannel] },
    status: 'fail',
    reason: /flannel provides pod networking only/,
  },
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

describe('detectEnforcer', () => {
  it.each(rows.map(r => [r.name, r] as const))('%s', (_n, row) => {
    const d = detectEnforcer(snapshot(row.input));
    expect(d.status).toBe(row.status);
    expect(d.reason).toMatch(row.reason);
    if (row.enforcer) {
      expect(d.enforcers.filter(e => e.enforcing).map(e => e.name)).toContain(
        row.enforcer,
      );
    } else {
      expect(d.enforcers.some(e => e.enforcing)).toBe(false);
    }
  });

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
  ])('%j → %s', (args, expected) => {
    expect(flagValue(args, 'enable-network-policy')).toBe(expected);
  });
});

describe('NETPOL-002 control', () => {
  it('the override states the answer with its reason and keeps the detection as evidence', () => {
    const r = evaluateEnforcerControl(snapshot({ controllers: [flannel] }), {
      enforcing: true,
      reason: 'custom eBPF dataplane',
    });
    expect(r.status).toBe('pass');
    expect(r.reason).toBe('Set by configuration: custom eBPF dataplane');
    expect(r.evidence.notes?.[0]).toMatch(/Detection alone would give fail/);
    expect(r.evidence.enforcers?.[0].name).toBe('flannel');
  });

  it('an override can also say no enforcer runs', () => {
    const r = evaluateEnforcerControl(
      snapshot({ controllers: [calicoNode()] }),
      { enforcing: false, reason: 'policies disabled by platform' },
    );
    expect(r.status).toBe('fail');
  });

  it('without override reports the detection', () => {
    const r = evaluateEnforcerControl(
      snapshot({ controllers: [calicoNode()] }),
    );
    expect(r).toMatchObject({ control: 'NETPOL-002', status: 'pass' });
    expect(r.evidence.enforcers?.[0].source).toBe(
      'DaemonSet calico-system/calico-node',
    );
  });
});
