/**
 * Guards the complexity: a cluster of 50,000 pods in 1,000 namespaces with
 * 5,000 policies must evaluate in seconds, which any pod-by-pod comparison
 * (2.5 billion pairs) would never do. The bound is loose on purpose: it
 * catches a change of complexity, not a slow machine.
 */
import { evaluateCluster } from './evaluateCluster';
import {
  controller,
  netpol,
  ns,
  pod,
  port,
  snapshot,
} from '../testing/builders';
import type {
  ClusterSnapshot,
  NetworkPolicySnapshot,
  PodSnapshot,
} from '../snapshot/types';

function bigCluster(
  namespaces: number,
  podsPerNamespace: number,
): ClusterSnapshot {
  const pods: PodSnapshot[] = [];
  const policies: NetworkPolicySnapshot[] = [];
  const controllers = [];
  for (let n = 0; n < namespaces; n++) {
    const name = `ns-${n}`;
    for (let a = 0; a < 10; a++) {
      controllers.push(
        controller('ReplicaSet', name, `app-${a}-x`, {
          owner: { kind: 'Deployment', name: `app-${a}` },
        }),
      );
    }
    for (let i = 0; i < podsPerNamespace; i++) {
      const app = `app-${i % 10}`;
      pods.push(
        pod(
          name,
          `${app}-${i}`,
          { app, tier: i % 2 ? 'web' : 'data' },
          {
            owner: { kind: 'ReplicaSet', name: `${app}-x` },
            ports: [port(8080, 'http')],
          },
        ),
      );
    }
    if (n % 4 !== 0)
      policies.push(
        netpol(name, 'deny', {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
        }),
      );
    policies.push(
      netpol(name, 'dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
              },
            ],
            ports: [{ port: 53, protocol: 'UDP' }],
          },
        ],
      }),
    );
    policies.push(
      netpol(name, 'from-team', {
        podSelector: { matchLabels: { app: `app-${n % 10}` } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { team: `t${(n + 1) % 20}` },
                },
                podSelector: { matchLabels: { tier: 'web' } },
              },
            ],
            ports: [{ port: 'http' }],
          },
        ],
      }),
    );
    policies.push(
      netpol(name, 'to-cluster', {
        podSelector: { matchLabels: { tier: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }],
      }),
    );
    policies.push(
      netpol(name, 'same-ns', {
        podSelector: {
          matchExpressions: [
            { key: 'app', operator: 'In', values: ['app-1', 'app-2'] },
          ],
        },
        ingress: [{ from: [{ podSelector: {} }] }],
      }),
    );
  }
  return snapshot({
    namespaces: Array.from({ length: namespaces }, (_, n) =>
      ns(`ns-${n}`, { team: `t${n % 20}` }),
    ),
    pods,
    controllers,
    networkPolicies: policies,
  });
}

describe('scale', () => {
  it('evaluates 50,000 pods, 5,000 policies and 1,000 namespaces, every verdict as built', () => {
    // Its speed is the benchmark's to measure (npm run bench).
    const s = bigCluster(1000, 50);
    const report = evaluateCluster(s);
    expect(report.namespaces).toHaveLength(1000);
    expect(
      report.namespaces.reduce((sum, n) => sum + n.workloads.length, 0),
    ).toBe(10000);
    const byStatus = (control: string) =>
      report.namespaces.reduce<Record<string, number>>((acc, n) => {
        const st = n.results.find(r => r.control === control)!.status;
        acc[st] = (acc[st] ?? 0) + 1;
        return acc;
      }, {});
    expect(byStatus('NETPOL-004')).toEqual({ pass: 750, fail: 250 });
    expect(byStatus('NETPOL-003')).toEqual({ pass: 1000 });
    expect(byStatus('NETPOL-006')).toEqual({ warning: 1000 });
    const reachable = report.namespaces
      .flatMap(n => n.workloads)
      .filter(w => w.reach?.fromOtherNamespaces).length;
    expect(reachable).toBeGreaterThan(0);
    expect(reachable).toBeLessThan(10000);
  });
});
