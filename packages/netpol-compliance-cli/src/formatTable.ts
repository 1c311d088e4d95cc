/**
 * The human summary of a scan (`--format table`): the cluster control, then
 * per namespace each control's status and reason and the workloads no
 * policy selects, then a footer with counts. Plain text, no colours, so it
 * reads the same in a terminal, a CI log and a test.
 */
import {
  STATUSES_WORST_FIRST,
  worstStatus,
} from '@netpol/plugin-netpol-compliance-common';
import type {
  ClusterReport,
  ControlResult,
  ControlStatus,
  NamespaceReport,
} from '@netpol/plugin-netpol-compliance-common';
import type { ScanOutput } from './commands/scan';
import { FailOn, findingsAtLevel } from './failOn';

/** Worst first, the order the overview API and the UI use too. */
const STATUS_ORDER = STATUSES_WORST_FIRST;
const STATUS_WIDTH = Math.max(...STATUS_ORDER.map(s => s.length));

export interface TableOptions {
  failOn?: FailOn;
  /** How many files were read, for the header. */
  files?: number;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function statusWord(status: ControlStatus): string {
  return status.toUpperCase();
}

function resultLines(r: ControlResult, indent: string): string[] {
  const head = `${indent}${r.control}  ${statusWord(r.status).padEnd(
    STATUS_WIDTH,
  )}  `;
  const lines = [`${head}${r.reason}`];
  const under = ' '.repeat(head.length);
  if (r.status === 'warning' || r.status === 'fail') {
    // NETPOL-006: the rules at fault, one per line, unless the reason already says it all.
    for (const rule of r.evidence.rules ?? []) {
      if (!r.reason.includes(rule.text)) lines.push(`${under}- ${rule.text}`);
    }
  }
  return lines;
}

/** The namespace's overall state: its worst control. */
export function namespaceState(ns: NamespaceReport): ControlStatus {
  if (ns.exemption) return 'exempt';
  return worstStatus(ns.results.map(r => r.status));
}

function namespaceLines(ns: NamespaceReport): string[] {
  const counts = `${plural(ns.workloads.length, 'workload')}, ${plural(
    ns.policies.length,
    'policy',
    'policies',
  )}`;
  if (ns.exemption) {
    return [
      `Namespace ${ns.namespace}: EXEMPT (${counts})`,
      `  every control exempt: ${ns.exemption.reason}`,
    ];
  }
  const lines = [
    `Namespace ${ns.namespace}: ${statusWord(namespaceState(ns))} (${counts})`,
  ];
  for (const r of ns.results) lines.push(...resultLines(r, '  '));
  const uncovered = ns.workloads.filter(w => w.covered === false);
  if (uncovered.length) {
    lines.push(
      `  Uncovered workloads (selected by no policy): ${uncovered
        .map(w => `${w.kind}/${w.name}`)
        .join(', ')}`,
    );
  }
  if (ns.remediation) {
    lines.push(`  Fix: netpol-compliance remediate ${ns.namespace}`);
  }
  return lines;
}

function clusterLines(report: ClusterReport, files?: number): string[] {
  const workloads = report.namespaces.reduce(
    (n, ns) => n + ns.workloads.length,
    0,
  );
  const policies = report.namespaces.reduce(
    (n, ns) => n + ns.policies.filter(p => !p.clusterWide).length,
    0,
  );
  const from =
    files === undefined ? '' : `, read from ${plural(files, 'file')}`;
  const lines = [
    `Cluster ${report.cluster.name}: ${plural(
      report.namespaces.length,
      'namespace',
    )}, ${plural(workloads, 'workload')}, ${plural(
      policies,
      'namespaced policy',
      'namespaced policies',
    )}${from}`,
  ];
  for (const r of report.results) lines.push(...resultLines(r, '  '));
  for (const e of report.errors) {
    lines.push(
      `  Could not read ${e.resource}${
        e.namespace ? ` in ${e.namespace}` : ''
      }: ${e.reason}`,
    );
  }
  return lines;
}

function countLine(
  counts: Map<string, number>,
  order: readonly string[],
): string {
  const parts = order
    .filter(k => counts.get(k))
    .map(k => `${counts.get(k)} ${k}`);
  return parts.length ? parts.join(', ') : 'none';
}

export function formatTable(
  output: ScanOutput,
  options: TableOptions = {},
): string {
  const blocks: string[][] = [];
  for (const report of output.clusters) {
    blocks.push(clusterLines(report, options.files));
    for (const ns of report.namespaces) blocks.push(namespaceLines(ns));
  }

  const nsCounts = new Map<string, number>();
  let namespaces = 0;
  for (const report of output.clusters) {
    for (const ns of report.namespaces) {
      namespaces++;
      const state = namespaceState(ns);
      nsCounts.set(state, (nsCounts.get(state) ?? 0) + 1);
    }
  }
  const findingCounts = new Map<string, number>();
  for (const f of output.findings)
    findingCounts.set(f.status, (findingCounts.get(f.status) ?? 0) + 1);

  const skippedKinds = Object.entries(output.skipped);
  const skippedTotal = skippedKinds.reduce((n, [, c]) => n + c, 0);
  const footer = [
    'Summary',
    `  Namespaces: ${namespaces} (${countLine(nsCounts, STATUS_ORDER)})`,
    `  Findings:   ${output.findings.length} (${countLine(
      findingCounts,
      STATUS_ORDER,
    )})`,
    skippedTotal
      ? `  Skipped:    ${plural(
          skippedTotal,
          'object',
        )} of kinds the engine does not use: ${skippedKinds
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ')}`
      : '  Skipped:    none',
  ];
  if (options.failOn) {
    const atLevel = findingsAtLevel(output.findings, options.failOn).length;
    footer.push(
      options.failOn === 'never'
        ? '  Result:     OK (--fail-on never)'
        : `  Result:     ${atLevel ? 'FAILED' : 'OK'} (--fail-on ${
            options.failOn
          }: ${plural(atLevel, 'finding')} at that level)`,
    );
  }
  blocks.push(footer);
  return `${blocks.map(b => b.join('\n')).join('\n\n')}\n`;
}
