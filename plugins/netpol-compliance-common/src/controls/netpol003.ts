/**
 * NETPOL-003: every workload of the namespace is selected by at least one
 * policy (a Kubernetes NetworkPolicy for any direction, or a Cilium/Calico
 * policy). A workload counts as covered only when all its pods are
 * selected. A namespace without workloads is `not-applicable`.
 *
 * Needs the pods and controllers: if either read failed, `unknown`.
 * Coverage only grows with more policies, so when policies could not all
 * be read a full coverage still passes, but gaps give `unknown`.
 */
import type { ControlResult } from '../report';
import { missingReason } from '../engine/missingData';
import {
  listText,
  NamespaceContext,
  plural,
  refsOf,
  workloadRef,
} from './context';

export function evaluateNetpol003(ctx: NamespaceContext): ControlResult {
  const workloadGap = ctx.missing('pods', 'controllers');
  if (workloadGap) {
    return {
      control: 'NETPOL-003',
      status: 'unknown',
      reason: `The workloads are not known: ${missingReason(workloadGap)}`,
      evidence: {},
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
  const uncovered = ctx.workloads.filter(w => !w.covered);
  const policies = [...refsOf(ctx.policies), ...refsOf(ctx.otherPolicies)];
  if (uncovered.length === 0) {
    return {
      control: 'NETPOL-003',
      status: 'pass',
      reason: `All ${plural(
        ctx.workloads.length,
        'workload is',
        'workloads are',
      )} selected by a policy`,
      evidence: { policies, workloads: [] },
    };
  }
  const names = uncovered.map(w => w.workload.id);
  const policyGap = ctx.missing('networkpolicies', 'otherpolicies');
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
    reason: `${uncovered.length} of ${plural(
      ctx.workloads.length,
      'workload',
      'workloads',
    )} ${
      uncovered.length === 1 ? 'is' : 'are'
    } selected by no policy and accept${
      uncovered.length === 1 ? 's' : ''
    } all traffic: ${listText(names)}`,
    evidence: {
      policies,
      workloads: uncovered.map(w => workloadRef(w.workload)),
    },
  };
}
