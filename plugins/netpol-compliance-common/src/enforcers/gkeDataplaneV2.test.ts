import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet } from '../testing/builders';

const rows: DetectionRow[] = [
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
    name: 'an anetd DaemonSet in a team namespace is not GKE Dataplane V2',
    input: {
      controllers: [daemonSet('team-a', 'anetd', [container('cilium-agent')])],
    },
    status: 'unknown',
    reason: /No known network plugin/,
  },
];

describe('GKE Dataplane V2', () => {
  it.each(cases(rows))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
