import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet } from '../testing/builders';

const rows1: DetectionRow[] = [
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
];

describe('GKE Dataplane V2 and Azure NPM', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
