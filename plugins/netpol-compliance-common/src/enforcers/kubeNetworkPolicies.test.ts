import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet, snapshot } from '../testing/builders';
import { detectEnforcer } from './detectEnforcer';

const knp = (args: string[] = [], ns = 'kube-system') =>
  daemonSet(ns, 'kube-network-policies', [
    container('kube-network-policies', args),
  ]);

const rows: DetectionRow[] = [
  {
    name: 'kube-network-policies',
    input: { controllers: [knp()] },
    status: 'pass',
    enforcer: 'kube-network-policies',
    reason: /kube-network-policies enforces/,
  },
  {
    name: 'outside kube-system it is not trusted',
    input: { controllers: [knp([], 'team-a')] },
    status: 'unknown',
    reason: /No known network plugin/,
  },
];

describe('kube-network-policies', () => {
  it.each(cases(rows))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );

  it('follows its two flags separately', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [
          knp([
            '--admin-network-policy=true',
            '--baseline-admin-network-policy=false',
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
