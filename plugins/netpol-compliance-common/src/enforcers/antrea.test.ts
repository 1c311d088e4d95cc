import { cases, detected, expected, type DetectionRow } from './testRows';
import {
  configMap,
  container,
  controller,
  daemonSet,
  snapshot,
} from '../testing/builders';
import { detectEnforcer } from './detectEnforcer';

const rows1: DetectionRow[] = [
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
];

describe('Antrea', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});

describe('Antrea and the network-policy API kinds', () => {
  const antreaCluster = (
    conf?: string,
    image = 'antrea/antrea-controller-ubuntu:v2.1.0',
  ) =>
    snapshot({
      controllers: [
        daemonSet('kube-system', 'antrea-agent', [container('antrea-agent')]),
        controller('Deployment', 'kube-system', 'antrea-controller', {
          containers: [container('antrea-controller', [], image)],
        }),
      ],
      configMaps:
        conf === undefined
          ? []
          : [
              configMap('kube-system', 'antrea-config', {
                'antrea-controller.conf': conf,
              }),
            ],
    });

  it('the AdminNetworkPolicy feature gate on means ANP and BANP are implemented', () => {
    const d = detectEnforcer(
      antreaCluster('featureGates:\n  AdminNetworkPolicy: true\n'),
    );
    expect(d.adminPolicySupport.AdminNetworkPolicy).toBe('yes');
    expect(d.enforcers[0].implements).toEqual([
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
    ]);
  });

  it('the gate off (its default) means they are not', () => {
    const d = detectEnforcer(
      antreaCluster('featureGates:\n  Multicast: true\n'),
    );
    expect(d.adminPolicySupport.BaselineAdminNetworkPolicy).toBe('no');
  });

  it('without antrea-config it cannot tell', () => {
    const d = detectEnforcer(antreaCluster());
    expect(d.adminPolicySupport.AdminNetworkPolicy).toBe('unknown');
  });

  it('before 2.7 there is no ClusterNetworkPolicy', () => {
    const d = detectEnforcer(antreaCluster('', 'antrea/antrea-ubuntu:v1.15.1'));
    expect(d.adminPolicySupport.ClusterNetworkPolicy).toBe('no');
  });
});
