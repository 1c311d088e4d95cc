/** Table-driven detection tests shared by the detector test files (test-only). */
import type { ClusterSnapshot } from '../snapshot/types';
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

/** Rows as `it.each` takes them: `[name, row]`. */
export function cases(rows: DetectionRow[]): Array<[string, DetectionRow]> {
  return rows.map(r => [r.name, r]);
}

/** What detection says of the row's input: status, reason and enforcing plugins. */
export function detected(row: DetectionRow) {
  const d = detectEnforcer(snapshot(row.input));
  return {
    status: d.status,
    reason: d.reason,
    enforcing: d.enforcers.filter(e => e.enforcing).map(e => e.name),
  };
}

/** What the row expects, in the shape of `detected`. */
export function expected(row: DetectionRow) {
  return {
    status: row.status,
    reason: expect.stringMatching(row.reason),
    enforcing: row.enforcer ? expect.arrayContaining([row.enforcer]) : [],
  };
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
