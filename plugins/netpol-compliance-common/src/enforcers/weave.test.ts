import { describeDetection } from './testRows';
import { container, daemonSet } from '../testing/builders';

describeDetection('Weave Net', [
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
]);
