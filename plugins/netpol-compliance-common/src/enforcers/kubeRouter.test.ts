import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet } from '../testing/builders';

const rows1: DetectionRow[] = [
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
];

describe('kube-router', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
