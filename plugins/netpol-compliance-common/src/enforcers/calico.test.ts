import {
  cases,
  detected,
  expected,
  calicoNode,
  flannel,
  type DetectionRow,
} from './testRows';
import { container, daemonSet, snapshot } from '../testing/builders';
import { calicoApiSupport } from './calico';
import { detectEnforcer } from './detectEnforcer';

const rows1: DetectionRow[] = [
  {
    name: 'Calico (operator install)',
    input: { controllers: [calicoNode()] },
    status: 'pass',
    enforcer: 'Calico',
    reason: /Calico enforces.*calico-system\/calico-node/,
  },
  {
    name: 'Calico (manifest / GKE add-on in kube-system)',
    input: { controllers: [calicoNode('kube-system')] },
    status: 'pass',
    enforcer: 'Calico',
    reason: /kube-system\/calico-node/,
  },
  {
    name: 'Canal: calico-node beside flannel',
    input: { controllers: [calicoNode('kube-system'), flannel] },
    status: 'pass',
    enforcer: 'Canal (Calico with flannel)',
    reason: /Canal/,
  },
  {
    name: 'Canal as one DaemonSet',
    input: {
      controllers: [
        daemonSet('kube-system', 'canal', [
          container('calico-node'),
          container('kube-flannel'),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'Canal (Calico with flannel)',
    reason: /Canal/,
  },
  {
    name: 'flannel alone',
    input: { controllers: [flannel] },
    status: 'fail',
    reason: /flannel provides pod networking only/,
  },
];

describe('Calico, Canal and flannel', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});

const rows2: DetectionRow[] = [
  {
    name: 'a calico-node DaemonSet in a team namespace beside flannel does not pass',
    input: { controllers: [calicoNode('team-a'), flannel] },
    status: 'fail',
    reason: /flannel provides pod networking only/,
  },
  {
    name: 'a canal DaemonSet in a team namespace is not Canal',
    input: {
      controllers: [
        daemonSet('shop', 'canal', [container('calico-node')]),
        flannel,
      ],
    },
    status: 'fail',
    reason: /flannel/,
  },
];

describe('Calico: only its own namespaces count', () => {
  it.each(cases(rows2))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});

describe('Calico and the network-policy API kinds', () => {
  it('notes the look-alike it did not trust', () => {
    const d = detectEnforcer(
      snapshot({ controllers: [calicoNode('team-a'), flannel] }),
    );
    expect(d.notes.join('\n')).toMatch(
      /DaemonSet team-a\/calico-node is not in Calico's system namespaces/,
    );
  });

  it.each<[string, string, string, string]>([
    ['calico/node:v3.28.2', 'no', 'no', 'no'],
    ['docker.io/calico/node:v3.29.1', 'yes', 'no', 'no'],
    ['quay.io/calico/node:v3.30.0', 'yes', 'yes', 'no'],
    ['quay.io/calico/node:v3.31.4', 'yes', 'yes', 'no'],
    ['quay.io/calico/node:v3.32.0', 'no', 'no', 'yes'],
    ['registry.local/calico-node:latest', 'unknown', 'unknown', 'unknown'],
  ])('%s: ANP %s, BANP %s, CNP %s', (image, anp, banp, cnp) => {
    expect(calicoApiSupport(image)).toMatchObject({
      AdminNetworkPolicy: anp,
      BaselineAdminNetworkPolicy: banp,
      ClusterNetworkPolicy: cnp,
    });
  });

  it('names Calico 3.30 as implementing AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
    const d = detectEnforcer(
      snapshot({
        controllers: [
          calicoNode('calico-system', 'quay.io/calico/node:v3.30.2'),
        ],
      }),
    );
    expect(d.reason).toMatch(
      /Calico \(also AdminNetworkPolicy, BaselineAdminNetworkPolicy\) enforces NetworkPolicy/,
    );
    expect(d.enforcers[0].implements).toEqual([
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
    ]);
  });
});
