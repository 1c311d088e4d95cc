import type {
  ClusterReport,
  ControlResult,
  NamespaceReport,
} from '@netpol/plugin-netpol-compliance-common';

/** A cluster report without its namespaces: small, read whole. */
export type ReportHead = Omit<ClusterReport, 'namespaces'>;

/**
 * What the overview, the owner index and the entity lookup read of a
 * namespace: its outcomes without evidence, and the label sets of its
 * workloads (deduplicated). A few KiB, where the whole namespace report
 * (evidence, policy YAML, reach) can be a hundred.
 */
export interface NamespaceSummary {
  namespace: string;
  exemption?: { reason: string };
  results: Array<Pick<ControlResult, 'control' | 'status' | 'reason'>>;
  workloadLabels: Array<Record<string, string>>;
}

/** One namespace as stored: its summary and its whole report, both as JSON. */
export interface NamespaceRow {
  namespace: string;
  summary: string;
  report: string;
}

/**
 * A report in the shape it is stored and served in: one row per namespace,
 * so that answering one entity never needs the whole cluster's report
 * parsed, and no stored document is the size of the cluster.
 */
export interface ReportParts {
  head: ReportHead;
  namespaces: NamespaceRow[];
}

/** What is kept in memory per cluster: the head and every namespace's summary. */
export interface ReportIndex {
  head: ReportHead;
  namespaces: NamespaceSummary[];
  /**
   * Set on an index whose label sets are still in the store: loads them
   * (once) and resolves to their size in characters. Await it through
   * `loadWorkloadLabels` before reading any summary's `workloadLabels`.
   */
  loadLabels?: () => Promise<number>;
}

export function summarizeNamespace(ns: NamespaceReport): NamespaceSummary {
  const seen = new Set<string>();
  const workloadLabels: Array<Record<string, string>> = [];
  for (const w of ns.workloads) {
    const key = JSON.stringify(w.labels ?? {});
    if (seen.has(key)) continue;
    seen.add(key);
    workloadLabels.push(w.labels ?? {});
  }
  return {
    namespace: ns.namespace,
    ...(ns.exemption ? { exemption: ns.exemption } : {}),
    results: ns.results.map(({ control, status, reason }) => ({ control, status, reason })),
    workloadLabels,
  };
}

/** The key `summarizeNamespace` writes last; before it, only short fields. */
const LABELS_KEY = ',"workloadLabels":';

/**
 * A summary's JSON in two parts: its outcomes (every field but the label
 * sets) and its workloads' label sets, as stored in their own columns. A
 * quote inside a string is escaped in JSON, so the key's first occurrence
 * is the top-level one, written after every other field (a summary without
 * it is parsed and written again).
 */
export function splitSummary(json: string): { outcomes: string; labels: string } {
  const parts = labelsLast(json);
  if (parts) return parts;
  const { workloadLabels, ...outcomes } = JSON.parse(json) as NamespaceSummary;
  return { outcomes: JSON.stringify(outcomes), labels: JSON.stringify(workloadLabels ?? []) };
}

/** The two parts by position, when the label sets are the last field (as `summarizeNamespace` writes them). */
function labelsLast(json: string): { outcomes: string; labels: string } | undefined {
  const at = json.indexOf(LABELS_KEY);
  if (at < 0 || !json.endsWith(']}')) return undefined;
  return { outcomes: `${json.slice(0, at)}}`, labels: json.slice(at + LABELS_KEY.length, -1) };
}

/**
 * A stored summary, its workloads' label sets parsed only when first read.
 * The overview reads outcomes only, and at L the label sets are three
 * quarters of the summaries' text: after a restart, the first page need
 * not wait for them.
 */
export function parseSummary(json: string): NamespaceSummary {
  const parts = labelsLast(json);
  return parts ? summaryOf(parts.outcomes, parts.labels) : JSON.parse(json);
}

/** Gives a summary made without its label sets their stored JSON. */
const labelAttachers = new WeakMap<NamespaceSummary, (labelsJson: string) => void>();

/**
 * A summary from its stored parts, the label sets parsed when first read.
 * Without `labelsJson`, they are read later (`attachLabels`), and reading
 * them before is an error: a reader must await its index's `loadLabels`.
 */
export function summaryOf(outcomes: string, labelsJson?: string): NamespaceSummary {
  const summary = JSON.parse(outcomes) as NamespaceSummary;
  let labelsText = labelsJson;
  let labels: NamespaceSummary['workloadLabels'] | undefined;
  Object.defineProperty(summary, 'workloadLabels', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!labels) {
        if (labelsText === undefined) {
          throw new Error(`The workload labels of namespace ${summary.namespace} are not loaded yet`);
        }
        labels = JSON.parse(labelsText) as NamespaceSummary['workloadLabels'];
        labelsText = undefined;
      }
      return labels;
    },
    set: (value: NamespaceSummary['workloadLabels']) => {
      labels = value;
      labelsText = undefined;
    },
  });
  if (labelsJson === undefined) {
    labelAttachers.set(summary, json => {
      if (!labels) labelsText = json;
    });
  }
  return summary;
}

/** The label sets of a summary made without them (`summaryOf(outcomes)`), as stored. */
export function attachLabels(summary: NamespaceSummary, labelsJson: string): void {
  labelAttachers.get(summary)?.(labelsJson);
}

/**
 * A copy of a summary with other results, its label sets read through to
 * the original's: copying them would read them, which an index whose
 * label sets are not loaded yet cannot.
 */
export function withResults(summary: NamespaceSummary, results: NamespaceSummary['results']): NamespaceSummary {
  const copy = { namespace: summary.namespace, ...(summary.exemption ? { exemption: summary.exemption } : {}), results };
  return Object.defineProperty(copy, 'workloadLabels', {
    enumerable: true,
    get: () => summary.workloadLabels,
  }) as NamespaceSummary;
}

/**
 * Resolves once every summary of these indexes can be read whole: an index
 * read from the store loads its label sets after its outcomes (the
 * overview needs none), so each reader of `workloadLabels` awaits this.
 */
export async function loadWorkloadLabels(indexes: Array<ReportIndex | undefined>): Promise<void> {
  await Promise.all(indexes.map(index => index?.loadLabels?.()));
}

export function toNamespaceRow(ns: NamespaceReport): NamespaceRow {
  return {
    namespace: ns.namespace,
    summary: JSON.stringify(summarizeNamespace(ns)),
    report: JSON.stringify(ns),
  };
}

export function reportHead(report: ClusterReport): ReportHead {
  const { namespaces: _omitted, ...head } = report;
  return head;
}

/** Splits a report into its stored parts. */
export function splitReport(report: ClusterReport): ReportParts {
  return { head: reportHead(report), namespaces: report.namespaces.map(toNamespaceRow) };
}

/** The in-memory index of a report held whole (a user-token scan, never stored). */
export function indexReport(report: ClusterReport): ReportIndex {
  return { head: reportHead(report), namespaces: report.namespaces.map(summarizeNamespace) };
}

/** The whole report again, from its parts (integrations that want it all). */
export function joinReport(head: ReportHead, namespaces: NamespaceReport[]): ClusterReport {
  return { ...head, namespaces };
}
