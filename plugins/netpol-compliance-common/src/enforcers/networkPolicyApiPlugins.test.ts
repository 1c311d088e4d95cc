import { cases, detected, expected, type DetectionRow } from './testRows';
import {
  container,
  controller,
  daemonSet,
  snapshot,
} from '../testing/builders';
import { detectEnforcer } from './detectEnforcer';

const ovnkube = (ns: string, args: string[] = []) =>
  daemonSet(ns, 'ovnkube-node', [container('ovnkube-controller', args)]);
const kubeOvnController = (args: string[] = []) =>
  controller('Deployment', 'kube-system', 'kube-ovn-controller', {
    containers: [container('kube-ovn-controller', args)],
  });
const kubeOvnCni = daemonSet('kube-system', 'kube-ovn-cni', [
  container('cni-server'),
]);

const rows1: DetectionRow[] = [
  {
    name: 'OVN-Kubernetes',
    input: { controllers: [ovnkube('ovn-kubernetes')] },
    status: 'pass',
    enforcer: 'OVN-Kubernetes',
    reason: /OVN-Kubernetes enforces NetworkPolicy/,
  },
  {
    name: 'ovnkube-node in a team namespace is not OVN-Kubernetes',
    input: { controllers: [ovnkube('team-a')] },
    status: 'unknown',
    reason: /No known network plugin/,
  },
  {
    name: 'Kube-OVN',
    input: { controllers: [kubeOvnCni, kubeOvnController()] },
    status: 'pass',
    enforcer: 'Kube-OVN',
    reason: /Kube-OVN enforces/,
  },
  {
    name: 'Kube-OVN with --enable-np=false',
    input: {
      controllers: [kubeOvnCni, kubeOvnController(['--enable-np=false'])],
    },
    status: 'fail',
    reason: /--enable-np=false/,
  },
  {
    name: 'kube-network-policies',
    input: {
      controllers: [
        daemonSet('kube-system', 'kube-network-policies', [
          container('kube-network-policies'),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'kube-network-policies',
    reason: /kube-network-policies enforces/,
  },
];

describe('OVN-Kubernetes, Kube-OVN, kube-network-policies', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});

describe('their network-policy API support', () => {
  it('OpenShift runs OVN-Kubernetes with the v1alpha1 kinds on', () => {
    const d = detectEnforcer(
      snapshot({ controllers: [ovnkube('openshift-ovn-kubernetes')] }),
    );
    expect(d.enforcers[0].implements).toEqual([
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
    ]);
  });

  it('upstream OVN-Kubernetes follows --enable-admin-network-policy', () => {
    const on = detectEnforcer(
      snapshot({
        controllers: [
          ovnkube('ovn-kubernetes', ['--enable-admin-network-policy=true']),
        ],
      }),
    );
    const unstated = detectEnforcer(
      snapshot({ controllers: [ovnkube('ovn-kubernetes')] }),
    );
    expect(on.adminPolicySupport.AdminNetworkPolicy).toBe('yes');
    expect(unstated.adminPolicySupport.AdminNetworkPolicy).toBe('unknown');
  });

  it('Kube-OVN follows --enable-anp', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [kubeOvnCni, kubeOvnController(['--enable-anp=false'])],
      }),
    );
    expect(d.adminPolicySupport.AdminNetworkPolicy).toBe('no');
  });

  it('kube-network-policies follows its two flags separately', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [
          daemonSet('kube-system', 'kube-network-policies', [
            container('kube-network-policies', [
              '--admin-network-policy=true',
              '--baseline-admin-network-policy=false',
            ]),
          ]),
        ],
      }),
    );
    expect(d.adminPolicySupport).toMatchObject({
      AdminNetworkPolicy: 'yes',
      BaselineAdminNetworkPolicy: 'no',
    });
  });
});
