import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet } from '../testing/builders';

const rows1: DetectionRow[] = [
  {
    name: 'Weave Net with weave-npc',
    input: {
      controllers: [
        daemonSet('kube-system', 'weave-net', [
          container('weave'),
          container('weave-npc'),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'Weave Net',
    reason: /Weave Net/,
  },
  {
    name: 'Weave Net without weave-npc',
    input: {
      controllers: [
        daemonSet('kube-system', 'weave-net', [container('weave')]),
      ],
    },
    status: 'fail',
    reason: /without its weave-npc container/,
  },
];

describe('Weave Net', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
