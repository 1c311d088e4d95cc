import {
  cases,
  detected,
  expected,
  calicoNode,
  ciliumAgent,
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
import type { AdminPolicySnapshot } from '../snapshot';
import {
  detectEnforcer,
  evaluateEnforcerControl,
  flagValue,
} from './detectEnforcer';

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

const admin = (
  kind: AdminPolicySnapshot['kind'],
  name: string,
): AdminPolicySnapshot => ({
  kind,
  apiVersion:
    kind === 'ClusterNetworkPolicy'
      ? 'policy.networking.k8s.io/v1alpha2'
      : 'policy.networking.k8s.io/v1alpha1',
  name,
  spec: {},
});

describe('NETPOL-002 and the network-policy API kinds', () => {
  it('warns when admin policies sit on a cluster whose enforcer does not implement them', () => {
    const r = evaluateEnforcerControl({
      ...snapshot({ controllers: [ciliumAgent()] }),
      adminPolicies: [
        admin('BaselineAdminNetworkPolicy', 'default'),
        admin('AdminNetworkPolicy', 'deny-db'),
      ],
    });
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(
      /Cilium does not implement AdminNetworkPolicy: the 1 AdminNetworkPolicy \(deny-db\) in this cluster is stored by the API server but enforced by nothing/,
    );
    expect(r.reason).toMatch(/does not implement BaselineAdminNetworkPolicy/);
  });

  it('passes and names the kinds when the enforcer implements them', () => {
    const r = evaluateEnforcerControl({
      ...snapshot({
        controllers: [calicoNode('calico-system', 'calico/node:v3.32.1')],
      }),
      adminPolicies: [admin('ClusterNetworkPolicy', 'baseline-deny')],
    });
    expect(r.status).toBe('pass');
    expect(r.reason).toMatch(/Calico \(also ClusterNetworkPolicy\) enforces/);
  });

  it('Calico 3.32 dropped AdminNetworkPolicy: warns about the v1alpha1 kinds', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [calicoNode('calico-system', 'calico/node:v3.32.1')],
      }),
    );
    expect(d.adminPolicySupport).toEqual({
      AdminNetworkPolicy: 'no',
      BaselineAdminNetworkPolicy: 'no',
      ClusterNetworkPolicy: 'yes',
    });
  });

  it('says it cannot tell when the version is not visible', () => {
    const r = evaluateEnforcerControl({
      ...snapshot({ controllers: [calicoNode('calico-system')] }),
      adminPolicies: [admin('AdminNetworkPolicy', 'a')],
    });
    expect(r.status).toBe('warning');
    expect(r.reason).toMatch(
      /Cannot tell whether Calico enforces AdminNetworkPolicy/,
    );
  });

  it('one plugin implementing a kind is enough', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [
          ciliumAgent(),
          daemonSet('kube-system', 'kube-network-policies', [
            container('kube-network-policies', [
              '--admin-network-policy=true',
              '--baseline-admin-network-policy=true',
            ]),
          ]),
        ],
      }),
    );
    expect(d.adminPolicySupport.AdminNetworkPolicy).toBe('yes');
  });

  it('no warning without admin policies', () => {
    const r = evaluateEnforcerControl(
      snapshot({
        controllers: [ciliumAgent()],
        configMaps: [configMap('kube-system', 'cilium-config', {})],
      }),
    );
    expect(r.status).toBe('pass');
  });
});
