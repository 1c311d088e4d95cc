import { cases, detected, expected, type DetectionRow } from './testRows';
import {
  container,
  controller,
  daemonSet,
  snapshot,
} from '../testing/builders';
import { detectEnforcer } from './detectEnforcer';

const kubeOvnController = (args: string[] = []) =>
  controller('Deployment', 'kube-system', 'kube-ovn-controller', {
    containers: [container('kube-ovn-controller', args)],
  });
const kubeOvnCni = daemonSet('kube-system', 'kube-ovn-cni', [
  container('cni-server'),
]);

const rows: DetectionRow[] = [
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
    name: 'kube-ovn-cni without the controller seen',
    input: { controllers: [kubeOvnCni] },
    status: 'unknown',
    reason: /kube-ovn-controller Deployment was not seen/,
  },
];

describe('Kube-OVN', () => {
  it.each(cases(rows))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );

  it('follows --enable-anp', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [kubeOvnCni, kubeOvnController(['--enable-anp=false'])],
      }),
    );
    expect(d.adminPolicySupport.AdminNetworkPolicy).toBe('no');
  });
});
