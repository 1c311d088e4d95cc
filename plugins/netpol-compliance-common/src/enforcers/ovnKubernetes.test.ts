import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet, snapshot } from '../testing/builders';
import { detectEnforcer } from './detectEnforcer';

const ovnkube = (ns: string, args: string[] = []) =>
  daemonSet(ns, 'ovnkube-node', [container('ovnkube-controller', args)]);

const rows: DetectionRow[] = [
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
];

describe('OVN-Kubernetes', () => {
  it.each(cases(rows))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );

  it('OpenShift runs it with the v1alpha1 kinds on', () => {
    const d = detectEnforcer(
      snapshot({ controllers: [ovnkube('openshift-ovn-kubernetes')] }),
    );
    expect(d.enforcers[0].implements).toEqual([
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
    ]);
  });

  it('upstream follows --enable-admin-network-policy', () => {
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
});
