/**
 * NETPOL-003: every workload of the namespace is isolated by at least one
 * policy in some direction (any kind and tier: a NetworkPolicy selecting
 * it, a Cilium rule with a section for a direction, a Calico policy of
 * that type, a baseline deny-all...). A policy that selects a workload
 * without isolating it (a Cilium rule with no section, or with
 * `enableDefaultDeny` off) leaves it open. A workload counts as covered
 * only when all its pods are isolated. A namespace without workloads is
 * `not-applicable`.
 *
 * Needs the pods: if they could not be read, `unknown`. Controllers only
 * name the workloads and add the ones without running pods, so when their
 * read failed a running pod that no policy selects is still a `fail` (it
 * accepts all traffic now), while full coverage is `unknown` (a workload
 * without pods may be uncovered). Coverage only grows with more policies,
 * so when policies could not all be read a full coverage still passes, but
 * gaps give `unknown`.
 */
import type { ControlResult } from '../report';
import { missingReason } from '../engine/missingData';
import {
  listText,
  NamespaceContext,
  plural,
  workloadRef,
  WorkloadCoverage,
} from './context';
import type { ModelDirection, ModelPolicy } from '../policyModel/types';
import {
  podOnlyDenies,
  podOnlyDenyText,
  podOnlyPolicies,
} from '../policyModel/podOnlyDenies';

/**
 * For workloads isolated in no direction: the admin and baseline denies of
 * every pod that leave what lies outside the cluster open, per direction.
 */
function podOnlyText(uncovered: WorkloadCoverage[]): string {
  const parts: string[] = [];
  for (const direction of ['ingress', 'egress'] as ModelDirection[]) {
    const policies = new Set<ModelPolicy>();
    for (const w of uncovered)
      for (const s of w.workload.shapes)
        podOnlyPolicies(podOnlyDenies(s.model, s, direction)).forEach(p =>
          policies.add(p),
        );
    if (policies.size) parts.push(podOnlyDenyText([...policies], direction));
  }
  return parts.join('. ');
}

/** Why a namespace fails: the workloads no policy isolates, and what still denies their pods. */
function uncoveredReason(
  ctx: NamespaceContext,
  uncovered: WorkloadCoverage[],
  controllerGap: ReturnType<NamespaceContext['missing']>,
): string {
  const one = uncovered.length === 1;
  const podOnly = podOnlyText(uncovered);
  const names = listText(uncovered.map(w => w.workload.id));
  const open = podOnly ? '' : ` and accept${one ? 's' : ''} all traffic`;
  const denies = podOnly ? `. ${podOnly}` : '';
  const unknownRest = controllerGap
    ? ` (workloads without running pods are not known: ${missingReason(
        controllerGap,
      )})`
    : '';
  return `${uncovered.length} of ${plural(
    ctx.workloads.length,
    'workload',
    'workloads',
  )} ${one ? 'is' : 'are'} selected by no policy that isolates ${
    one ? 'it' : 'them'
  }${open}: ${names}${denies}${unknownRest}`;
}

export function evaluateNetpol003(ctx: NamespaceContext): ControlResult {
  const podGap = ctx.missing('pods');
  if (podGap) {
    return {
      control: 'NETPOL-003',
      status: 'unknown',
      reason: `The workloads are not known: ${missingReason(podGap)}`,
      evidence: {},
    };
  }
  // A failed Jobs or CronJobs list must not blind the control cluster-wide.
  const controllerGap = ctx.missing('controllers');
  const uncovered = ctx.workloads.filter(w => !w.covered);
  const policies = ctx.modelPolicies.map(p => ({ ...p.ref }));
  if (controllerGap && uncovered.length === 0) {
    return {
      control: 'NETPOL-003',
      status: 'unknown',
      reason: `${
        ctx.workloads.length === 0
          ? 'No pod runs in the namespace'
          : `Every running pod is selected by a policy that isolates it`
      }, but workloads without running pods are not known: ${missingReason(
        controllerGap,
      )}`,
      evidence: { policies, workloads: [] },
    };
  }
  if (ctx.workloads.length === 0) {
    return {
      control: 'NETPOL-003',
      status: 'not-applicable',
      reason: 'No workload runs in the namespace',
      evidence: { workloads: [] },
    };
  }
  if (uncovered.length === 0) {
    return {
      control: 'NETPOL-003',
      status: 'pass',
      reason:
        ctx.workloads.length === 1
          ? 'The only workload is selected by a policy that isolates it'
          : `All ${ctx.workloads.length} workloads are selected by a policy that isolates them`,
      evidence: { policies, workloads: [] },
    };
  }
  const names = uncovered.map(w => w.workload.id);
  const policyGap = ctx.missing(
    'networkpolicies',
    'otherpolicies',
    'adminpolicies',
  );
  if (policyGap) {
    return {
      control: 'NETPOL-003',
      status: 'unknown',
      reason: `${plural(
        uncovered.length,
        'workload is',
        'workloads are',
      )} selected by no policy read so far (${listText(
        names,
      )}), but ${missingReason(policyGap)}`,
      evidence: {
        policies,
        workloads: uncovered.map(w => workloadRef(w.workload)),
      },
    };
  }
  return {
    control: 'NETPOL-003',
    status: 'fail',
    reason: uncoveredReason(ctx, uncovered, controllerGap),
    evidence: {
      policies,
      workloads: uncovered.map(w => workloadRef(w.workload)),
    },
  };
}
