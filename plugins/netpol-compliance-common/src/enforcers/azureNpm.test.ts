import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet } from '../testing/builders';

const rows: DetectionRow[] = [
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
    name: 'Azure NPM on Windows nodes',
    input: {
      controllers: [
        daemonSet('kube-system', 'azure-npm-win', [container('azure-npm')]),
      ],
    },
    status: 'pass',
    enforcer: 'Azure NPM',
    reason: /Azure NPM/,
  },
];

describe('Azure NPM', () => {
  it.each(cases(rows))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
