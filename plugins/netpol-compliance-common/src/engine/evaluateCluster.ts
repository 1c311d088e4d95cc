/**
 * The evaluation: one snapshot in, one report out. Pure and deterministic
 * (no clock, no I/O, output sorted), so the same snapshot always gives the
 * same report, in the browser as on the server.
 *
 * Order of work: index the snapshot once (policies compiled, workloads
 * resolved, pods folded into shapes with their selecting policies), decide
 * NETPOL-002 for the cluster, then per namespace the five namespace
 * controls, the workload and policy summaries and the remediation.
 */
import type { ClusterSnapshot } from '../snapshot/types';
import type {
  ClusterReport,
  ControlResult,
  NamespaceReport,
  PolicyRef,
  WorkloadReport,
} from '../report';
import { evaluateEnforcerControl } from '../controls/netpol002';
import { evaluateNetpol001 } from '../controls/netpol001';
import { evaluateNetpol003 } from '../controls/netpol003';
import { evaluateNetpol004 } from '../controls/netpol004';
import { evaluateNetpol005 } from '../controls/netpol005';
import { evaluateNetpol006 } from '../controls/netpol006';
import { ReachAnalyzer } from '../reachability/workloadReach';
import { generateRemediation } from '../remediation/generateRemediation';
import { policySummaries } from './policySummaries';
import {
  buildClusterIndex,
  ClusterIndex,
  ClusterIndexOptions,
  IndexedWorkload,
  PodShape,
} from './clusterIndex';
import { ignoredByNamespace, withIgnored } from './invalidObjects';
import { exemptionChecker } from './exemptions';
import { MissingLookup, missingLookup, missingReason } from './missingData';
import { namespaceContext } from './namespaceContext';
import { DEFAULT_EXEMPT_NAMESPACES, EvaluateOptions } from './options';

/** Policy refs of a workload's shapes, each once, in order (shared objects: reports are data). */
function uniqueRefs<P extends { ref: PolicyRef }>(
  shapes: PodShape[],
  pick: (s: PodShape) => P[],
): PolicyRef[] {
  if (shapes.length === 1) return pick(shapes[0]).map(p => p.ref);
  const seen = new Set<P>();
  const out: PolicyRef[] = [];
  for (const s of shapes) {
    for (const p of pick(s)) {
      if (!seen.has(p)) {
        seen.add(p);
        out.push(p.ref);
      }
    }
  }
  return out;
}

function exemptResult(result: ControlResult, reason: string): ControlResult {
  return {
    control: result.control,
    status: 'exempt',
    reason,
    evidence: {
      ...result.evidence,
      notes: [
        ...(result.evidence.notes ?? []),
        `Without the exemption: ${result.status}: ${result.reason}`,
      ],
    },
  };
}

function workloadReport(
  w: IndexedWorkload,
  covered: boolean,
  analyzer: ReachAnalyzer | undefined,
): WorkloadReport {
  const others = uniqueRefs(w.shapes, s => s.otherPolicies);
  const admins = uniqueRefs(w.shapes, s => [...s.model.admin, ...s.model.baseline]);
  const report: WorkloadReport = {
    kind: w.ref.kind,
    name: w.ref.name,
    namespace: w.ref.namespace,
    labels: w.shapes[0]?.labels ?? {},
    pods: w.pods,
    ingressPolicies: uniqueRefs(w.shapes, s => s.ingressPolicies),
    egressPolicies: uniqueRefs(w.shapes, s => s.egressPolicies),
    otherPolicies: others,
    ...(admins.length ? { adminPolicies: admins } : {}),
    covered,
    fromTemplate: w.fromTemplate,
  };
  if (analyzer) {
    report.reach = analyzer.summarise(w.shapes);
  }
  return report;
}

/** YAML fixing the failing default-deny and coverage controls, if any fail. */
function remediationOf(
  name: string,
  results: ControlResult[],
): string | undefined {
  const failed = (id: string) =>
    results.some(r => r.control === id && r.status === 'fail');
  let ingress = failed('NETPOL-004');
  let egress = failed('NETPOL-005');
  if (!ingress && !egress && (failed('NETPOL-001') || failed('NETPOL-003')))
    ingress = egress = true;
  return ingress || egress
    ? generateRemediation(name, { ingress, egress })
    : undefined;
}

/**
 * A cluster's evaluation, a namespace at a time: the report's head at once,
 * then each namespace's report when asked for, so that a caller who stores
 * or sends namespaces one by one never holds the whole report (at 100,000
 * pods, most of an evaluation's memory).
 * @public
 */
export interface ClusterEvaluation {
  /** The report without its namespaces (cluster results, read errors). */
  head: Omit<ClusterReport, 'namespaces'>;
  /** The namespaces in report order. */
  namespaceNames: readonly string[];
  /** A namespace's exemption, known before it is evaluated. */
  exemptionOf(namespace: string): { reason: string } | undefined;
  /** Evaluates the namespaces in report order, one per step (each evaluated again when iterated again). */
  namespaces(): IterableIterator<NamespaceReport>;
}

/**
 * The evaluation of one snapshot as head and namespaces: the same reports
 * as `evaluateCluster`, made when they are asked for.
 * @public
 */
export function evaluateClusterByNamespace(
  snapshot: ClusterSnapshot,
  options: EvaluateOptions = {},
  indexOptions: ClusterIndexOptions = {},
): ClusterEvaluation {
  const index = buildClusterIndex(snapshot, indexOptions);
  const lookup = missingLookup(snapshot.missing);
  const exemption = exemptionChecker(
    options.exemptNamespaces ?? DEFAULT_EXEMPT_NAMESPACES,
  );
  const exemptionOf = (name: string) => {
    const ns = index.namespaces.get(name);
    return ns ? exemption(name, ns.annotations) : undefined;
  };
  const shared: SharedInputs = {
    index,
    lookup,
    exemptionOf,
    invalid: ignoredByNamespace(snapshot.invalidObjects),
    analyzer:
      options.reachability === false ? undefined : new ReachAnalyzer(index),
    withYaml: options.policyYaml !== false,
    withRemediation: options.remediation !== false,
    namespacesGap: lookup('namespaces'),
    clusterName: snapshot.cluster.name,
    options,
  };
  return {
    head: {
      cluster: { ...snapshot.cluster },
      scannedAt: snapshot.collectedAt,
      results: [evaluateEnforcerControl(snapshot, options.enforcerOverride)],
      errors: (snapshot.missing ?? []).map(m => ({ ...m })),
    },
    namespaceNames: index.namespaceNames,
    exemptionOf,
    *namespaces() {
      for (const name of index.namespaceNames) yield evaluateNamespace(name, shared);
    },
  };
}

/**
 * Evaluates every control over one cluster snapshot. Pure and deterministic:
 * the same snapshot and options always give the same report.
 * @public
 */
export function evaluateCluster(
  snapshot: ClusterSnapshot,
  options: EvaluateOptions = {},
  indexOptions: ClusterIndexOptions = {},
): ClusterReport {
  const evaluation = evaluateClusterByNamespace(snapshot, options, indexOptions);
  const { cluster, scannedAt, results, errors } = evaluation.head;
  return {
    cluster,
    scannedAt,
    results,
    namespaces: [...evaluation.namespaces()],
    errors,
  };
}

/** What every namespace's evaluation reads: the index and the options, made once per cluster. */
interface SharedInputs {
  index: ClusterIndex;
  lookup: MissingLookup;
  exemptionOf: (name: string) => { reason: string } | undefined;
  invalid: ReturnType<typeof ignoredByNamespace>;
  analyzer?: ReachAnalyzer;
  withYaml: boolean;
  withRemediation: boolean;
  namespacesGap: ReturnType<MissingLookup>;
  clusterName: string;
  options: EvaluateOptions;
}

function evaluateNamespace(name: string, shared: SharedInputs): NamespaceReport {
  const { index, lookup, invalid, options } = shared;
  const ctx = namespaceContext(index, name, lookup);
  const { namespace: ns, workloads } = ctx;
  let results: ControlResult[] = [
    evaluateNetpol001(ctx, options),
    evaluateNetpol003(ctx),
    evaluateNetpol004(ctx),
    evaluateNetpol005(ctx),
    evaluateNetpol006(ctx),
  ];
  const ignored = [
    ...(invalid.byNamespace.get(name) ?? []),
    ...invalid.clusterScoped,
  ];
  results = withIgnored(results, ignored);
  const nsGap = shared.namespacesGap ?? lookup('namespaces', name);
  if (nsGap || !ns.declared) {
    const note = nsGap
      ? `${missingReason(
          nsGap,
        )}: its labels and exemption annotation are unknown`
      : 'The Namespace object is not in the snapshot (referenced by other objects only): its labels and annotations are unknown';
    results = results.map(r => ({
      ...r,
      evidence: { ...r.evidence, notes: [...(r.evidence.notes ?? []), note] },
    }));
  }
  const exempt = shared.exemptionOf(name);
  if (exempt) results = results.map(r => exemptResult(r, exempt.reason));

  const summaries = policySummaries(ctx, shared.withYaml);

  const report: NamespaceReport = {
    cluster: shared.clusterName,
    namespace: name,
    labels: ns.labels,
    annotations: ns.annotations,
    ...(exempt ? { exemption: exempt } : {}),
    results,
    workloads: workloads.map(w =>
      workloadReport(w.workload, w.covered, shared.analyzer),
    ),
    policies: summaries,
    ...(ignored.length ? { ignored } : {}),
  };
  if (shared.withRemediation && !exempt) {
    const remediation = remediationOf(name, results);
    if (remediation) report.remediation = remediation;
  }
  return report;
}
