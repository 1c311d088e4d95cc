import { describeDetection } from './testRows';
import { container, daemonSet } from '../testing/builders';

describeDetection('GKE Dataplane V2 and Azure NPM', [
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
]);
