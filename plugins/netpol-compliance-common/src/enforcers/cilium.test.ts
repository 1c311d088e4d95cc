import {
  cases,
  detected,
  expected,
  ciliumAgent,
  type DetectionRow,
} from './testRows';
import { configMap, container, daemonSet, missing } from '../testing/builders';

const rows1: DetectionRow[] = [
  {
    name: 'Cilium without cilium-config',
    input: { controllers: [ciliumAgent()] },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium enforces/,
  },
  {
    name: 'Cilium enable-policy default',
    input: {
      controllers: [ciliumAgent()],
      configMaps: [
        configMap('kube-system', 'cilium-config', {
          'enable-policy': 'default',
        }),
      ],
    },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium/,
  },
  {
    name: 'Cilium enable-policy always',
    input: {
      controllers: [ciliumAgent()],
      configMaps: [
        configMap('kube-system', 'cilium-config', {
          'enable-policy': 'always',
        }),
      ],
    },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium/,
  },
  {
    name: 'Cilium key absent',
    input: {
      controllers: [ciliumAgent()],
      configMaps: [
        configMap('kube-system', 'cilium-config', { 'enable-ipv6': 'false' }),
      ],
    },
    status: 'pass',
    enforcer: 'Cilium',
    reason: /Cilium/,
  },
  {
    name: 'Cilium enable-policy never disables',
    input: {
      controllers: [ciliumAgent()],
      configMaps: [
        configMap('kube-system', 'cilium-config', { 'enable-policy': 'never' }),
      ],
    },
    status: 'fail',
    reason: /enable-policy: never/,
  },
  {
    name: 'Cilium with cilium-config unreadable',
    input: {
      controllers: [ciliumAgent()],
      missing: [missing('configmaps', 'forbidden')],
    },
    status: 'unknown',
    reason: /cilium-config could not be read/,
  },
  {
    name: 'a DaemonSet named cilium without cilium-agent is not Cilium',
    input: {
      controllers: [
        daemonSet('kube-system', 'cilium', [container('something')]),
      ],
    },
    status: 'unknown',
    reason: /No known network plugin/,
  },
];

describe('Cilium', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});

const rows2: DetectionRow[] = [
  {
    name: 'Cilium in its own namespace with enable-policy: never fails',
    input: {
      controllers: [ciliumAgent('cilium')],
      configMaps: [
        configMap('cilium', 'cilium-config', { 'enable-policy': 'never' }),
      ],
    },
    status: 'fail',
    reason: /ConfigMap cilium\/cilium-config sets enable-policy: never/,
  },
  {
    name: 'Cilium in cilium-system with enable-policy: never fails',
    input: {
      controllers: [ciliumAgent('cilium-system')],
      configMaps: [
        configMap('cilium-system', 'cilium-config', {
          'enable-policy': 'never',
        }),
      ],
    },
    status: 'fail',
    reason: /enable-policy: never/,
  },
  {
    name: 'a cilium-config in a team namespace does not speak for the agent',
    input: {
      controllers: [ciliumAgent('kube-system')],
      configMaps: [
        configMap('kube-system', 'cilium-config', { 'enable-policy': 'never' }),
        configMap('shop', 'cilium-config', { 'enable-policy': 'always' }),
      ],
    },
    status: 'fail',
    reason: /kube-system\/cilium-config sets enable-policy: never/,
  },
  {
    name: "cilium-config unreadable in the agent's namespace is unknown",
    input: {
      controllers: [ciliumAgent('cilium')],
      missing: [missing('configmaps', 'forbidden', 'cilium')],
    },
    status: 'unknown',
    reason: /cilium\/cilium-config could not be read/,
  },
  {
    name: 'a cilium DaemonSet in a team namespace is not Cilium',
    input: { controllers: [ciliumAgent('team-a')] },
    status: 'unknown',
    reason: /No known network plugin/,
  },
];

describe('Cilium: its config is read in its own namespace', () => {
  it.each(cases(rows2))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
