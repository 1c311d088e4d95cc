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
import {
  makeMissing,
  NamespaceContext,
  WorkloadCoverage,
} from '../controls/context';
import { evaluateNetpol001 } from '../controls/netpol001';
import { evaluateNetpol003 } from '../controls/netpol003';
import { evaluateNetpol004 } from '../controls/netpol004';
import { evaluateNetpol005 } from '../controls/netpol005';
import { evaluateNetpol006 } from '../controls/netpol006';
import type { CompiledOtherPolicy } from '../otherPolicies/otherPolicyModel';
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
import { isIsolated } from '../policyModel/evaluate';
import type { ModelPolicy } from '../policyModel/types';
import { ignoredByNamespace, withIgnored } from './invalidObjects';
import { policiesForEveryPod } from '../policyModel/everyPod';
import { exemptionChecker } from './exemptions';
import { MissingLookup, missingLookup, missingReason } from './missingData';
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

/** Isolated in some direction by some policy (any kind, any tier): what NETPOL-003 checks. */
function isCovered(shape: PodShape): boolean {
  return (
    isIsolated(shape.model, shape, 'ingress') ||
    isIsolated(shape.model, shape, 'egress')
  );
}

/** Every model policy that applies to a namespace: its own, and cluster-wide ones selecting its pods or a new pod. */
function modelPoliciesOf(
  index: ClusterIndex,
  namespace: string,
  shapes: PodShape[],
  probe: PodShape,
): ModelPolicy[] {
  const own = index.models.byNamespace.get(namespace) ?? [];
  const wide = index.models.clusterWide.filter(
    p => p.selects(probe) || shapes.some(s => p.selects(s)),
  );
  return [...own, ...wide];
}

/** Cilium/Calico policies that apply to a namespace: its own, and cluster-wide ones selecting its pods. */
function otherPoliciesOf(
  index: ClusterIndex,
  namespace: string,
  shapes: PodShape[],
): CompiledOtherPolicy[] {
  const own = index.otherByNamespace.get(namespace) ?? [];
  const ns = index.namespaces.get(namespace)!;
  const wide = index.otherClusterWide.filter(
    p =>
      shapes.some(s => s.otherPolicies.includes(p)) ||
      p.selectsNamespace(namespace, ns.labels),
  );
  return [...own, ...wide];
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

/** One namespace, indexed, as the controls read it. */
function namespaceContext(
  index: ClusterIndex,
  name: string,
  lookup: MissingLookup,
): NamespaceContext {
  const shapes = index.shapesByNamespace.get(name) ?? [];
  const workloads: WorkloadCoverage[] = (
    index.workloadsByNamespace.get(name) ?? []
  ).map(w => ({ workload: w, covered: w.shapes.every(isCovered) }));
  // A pod without labels: what a new pod of the namespace gets.
  const probe = index.shapeOf(name, {}, []);
  const namespace = index.namespaces.get(name)!;
  const modelPolicies = modelPoliciesOf(index, name, shapes, probe);
  let forEveryPod: ModelPolicy[] | undefined;
  return {
    index,
    namespace,
    policies: index.policiesByNamespace.get(name) ?? [],
    otherPolicies: otherPoliciesOf(index, name, shapes),
    workloads,
    shapes,
    probe,
    modelPolicies,
    policiesForEveryPod: () =>
      (forEveryPod ??= policiesForEveryPod(
        name,
        namespace.labels,
        modelPolicies,
      )),
    missing: makeMissing(lookup, name),
  };
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
 * Evaluates every control over one cluster snapshot. Pure and deterministic:
 * the same snapshot and options always give the same report.
 * @public
 */
export function evaluateCluster(
  snapshot: ClusterSnapshot,
  options: EvaluateOptions = {},
  indexOptions: ClusterIndexOptions = {},
): ClusterReport {
  const index = buildClusterIndex(snapshot, indexOptions);
  const invalid = ignoredByNamespace(snapshot.invalidObjects);
  const lookup = missingLookup(snapshot.missing);
  const exemption = exemptionChecker(
    options.exemptNamespaces ?? DEFAULT_EXEMPT_NAMESPACES,
  );
  const analyzer =
    options.reachability === false ? undefined : new ReachAnalyzer(index);
  const withYaml = options.policyYaml !== false;
  const withRemediation = options.remediation !== false;
  const namespacesGap = lookup('namespaces');

  const namespaces: NamespaceReport[] = index.namespaceNames.map(name => {
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
    const nsGap = namespacesGap ?? lookup('namespaces', name);
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
    const exempt = exemption(name, ns.annotations);
    if (exempt) results = results.map(r => exemptResult(r, exempt.reason));

    const summaries = policySummaries(ctx, withYaml);

    const report: NamespaceReport = {
      cluster: snapshot.cluster.name,
      namespace: name,
      labels: ns.labels,
      annotations: ns.annotations,
      ...(exempt ? { exemption: exempt } : {}),
      results,
      workloads: workloads.map(w =>
        workloadReport(w.workload, w.covered, analyzer),
      ),
      policies: summaries,
      ...(ignored.length ? { ignored } : {}),
    };
    if (withRemediation && !exempt) {
      const remediation = remediationOf(name, results);
      if (remediation) report.remediation = remediation;
    }
    return report;
  });

  return {
    cluster: { ...snapshot.cluster },
    scannedAt: snapshot.collectedAt,
    results: [evaluateEnforcerControl(snapshot, options.enforcerOverride)],
    namespaces,
    errors: (snapshot.missing ?? []).map(m => ({ ...m })),
  };
}
