import type { ControlResult } from '@netpol/plugin-netpol-compliance-common';
import type { ReportIndex } from '../store/reportParts';

type Outcome = Pick<ControlResult, 'control' | 'status' | 'reason'>;

/**
 * What the notifier remembers of one cluster: the last definite outcome
 * (pass or fail) of each control of each namespace, and of the cluster's
 * own controls under the namespace `''`. Unknown, warning, exempt and
 * not-applicable results leave the memory as it was, so a failure that
 * stands through a failed scan is not announced again when it reappears.
 */
export interface ClusterMemory {
  /** The report these outcomes come from. */
  scannedAt: string;
  /** `namespace` -> control id -> last definite outcome. */
  outcomes: Record<string, Record<string, 'pass' | 'fail'>>;
}

/** A control that passed and now fails. `namespace` is absent for a cluster control (NETPOL-002). */
export interface Regression {
  cluster: string;
  namespace?: string;
  control: string;
  reason: string;
}

const CLUSTER_SCOPE = '';

function remember(
  previous: Record<string, 'pass' | 'fail'> | undefined,
  results: Outcome[],
  onRegression: (result: Outcome) => void,
): Record<string, 'pass' | 'fail'> {
  const next: Record<string, 'pass' | 'fail'> = { ...previous };
  for (const result of results) {
    if (result.status !== 'pass' && result.status !== 'fail') continue;
    if (result.status === 'fail' && previous?.[result.control] === 'pass') onRegression(result);
    next[result.control] = result.status;
  }
  return next;
}

/**
 * Compares a cluster's new report (its index: outcomes without evidence)
 * with what was remembered. With no memory
 * (the cluster is new to the notifier), the report is the baseline and
 * nothing is announced: installing the notifier must not page every owner
 * of every standing failure. A namespace seen for the first time is a
 * baseline too; a namespace gone from the report is forgotten. Pure.
 */
export function detectRegressions(
  memory: ClusterMemory | undefined,
  report: ReportIndex,
): { memory: ClusterMemory; regressions: Regression[] } {
  const regressions: Regression[] = [];
  const cluster = report.head.cluster.name;
  const outcomes: ClusterMemory['outcomes'] = {};

  outcomes[CLUSTER_SCOPE] = remember(memory?.outcomes[CLUSTER_SCOPE], report.head.results, r =>
    regressions.push({ cluster, control: r.control, reason: r.reason }),
  );
  for (const ns of report.namespaces) {
    outcomes[ns.namespace] = remember(memory?.outcomes[ns.namespace], ns.results, r =>
      regressions.push({ cluster, namespace: ns.namespace, control: r.control, reason: r.reason }),
    );
  }
  return { memory: { scannedAt: report.head.scannedAt, outcomes }, regressions };
}
