import { cases, detected, expected, type DetectionRow } from './testRows';
import { container, daemonSet } from '../testing/builders';

const rows1: DetectionRow[] = [
  {
    name: 'kind 0.24+ kindnet',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container(
            'kindnet-cni',
            [],
            'docker.io/kindest/kindnetd:v20240813-c6f155d6',
          ),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'kindnet',
    reason: /kindnet/,
  },
  {
    name: 'older kindnet',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container(
            'kindnet-cni',
            [],
            'docker.io/kindest/kindnetd:v20240202-8f1494ea',
          ),
        ]),
      ],
    },
    status: 'fail',
    reason: /predates kind 0\.24/,
  },
  {
    name: 'kindnet with --network-policy=true',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container(
            'kindnet-cni',
            ['--network-policy=true'],
            'ghcr.io/aojea/kindnetd:stable',
          ),
        ]),
      ],
    },
    status: 'pass',
    enforcer: 'kindnet',
    reason: /kindnet/,
  },
  {
    name: 'kindnet of unknown version',
    input: {
      controllers: [
        daemonSet('kube-system', 'kindnet', [
          container('kindnet-cni', [], 'ghcr.io/aojea/kindnetd:stable'),
        ]),
      ],
    },
    status: 'unknown',
    reason: /cannot tell/,
  },
];

describe('kindnet', () => {
  it.each(cases(rows1))('%s', (_n, row) =>
    expect(detected(row)).toEqual(expected(row)),
  );
});
