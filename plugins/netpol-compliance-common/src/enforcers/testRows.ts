/** Table-driven detection tests shared by the detector test files (test-only). */
import type { ClusterSnapshot } from '../snapshot';
import { container, daemonSet, snapshot } from '../testing/builders';
import { detectEnforcer } from './detectEnforcer';

export interface DetectionRow {
  name: string;
  input: Partial<ClusterSnapshot>;
  status: 'pass' | 'fail' | 'unknown';
  /** The enforcing plugin expected; none enforcing when absent. */
  enforcer?: string;
  reason: RegExp;
}

export function describeDetection(title: string, rows: DetectionRow[]): void {
  describe(title, () => {
    it.each(rows.map(r => [r.name, r] as const))('%s', (_n, row) => {
      const d = detectEnforcer(snapshot(row.input));
      expect(d.status).toBe(row.status);
      expect(d.reason).toMatch(row.reason);
      const enforcing = d.enforcers.filter(e => e.enforcing).map(e => e.name);
      if (row.enforcer) expect(enforcing).toContain(row.enforcer);
      else expect(enforcing).toEqual([]);
    });
  });
}

export const calicoNode = (ns = 'calico-system', image?: string) =>
  daemonSet(ns, 'calico-node', [container('calico-node', [], image)]);
export const flannel = daemonSet('kube-flannel', 'kube-flannel-ds', [
  container('kube-flannel', ['--ip-masq', '--kube-subnet-mgr']),
]);
export const ciliumAgent = (ns = 'kube-system') =>
  daemonSet(ns, 'cilium', [
    container('cilium-agent', ['--config-dir=/tmp/cilium/config-map']),
  ]);
