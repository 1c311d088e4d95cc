/**
 * The cluster-scoped policies of the Kubernetes network-policy API
 * (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy),
 * compiled into the policy model: tier `admin` or `baseline`, `order` =
 * priority. The index and every control read whatever this returns.
 *
 * Only valid objects are compiled (an invalid one is refused, never
 * counted), and only the kinds some enforcing plugin of the cluster may
 * implement: a kind the cluster's enforcer is known not to implement is
 * stored by the API server and enforced by nothing, so counting it would
 * report protection that does not exist (NETPOL-002 warns about it).
 */
import type { AdminPolicySnapshot, ClusterSnapshot } from '../snapshot/types';
import type { ModelContext, ModelPolicy } from '../policyModel/types';
import { modelContext } from '../policyModel/context';
import { compileAdminPolicy } from '../adminPolicies/compileAdminPolicy';
import { priorityTieNotes } from '../adminPolicies/priorityTies';
import { validateAdminPolicy } from '../adminPolicies/validateAdminPolicy';
import { detectEnforcer } from '../enforcers/detectEnforcer';
import { NAMESPACE_NAME_LABEL } from '../snapshot/wellKnownLabels';

function asObject(p: AdminPolicySnapshot) {
  return {
    apiVersion: p.apiVersion,
    kind: p.kind,
    metadata: { name: p.name },
    spec: p.spec,
  };
}

/** The admin policies that count: valid, and of a kind the enforcer may implement. */
export function enforcedAdminPolicies(
  snapshot: Pick<
    ClusterSnapshot,
    'adminPolicies' | 'controllers' | 'configMaps' | 'missing'
  >,
): AdminPolicySnapshot[] {
  const policies = snapshot.adminPolicies ?? [];
  if (!policies.length) return [];
  const support = detectEnforcer(snapshot).adminPolicySupport;
  return policies.filter(
    p =>
      support[p.kind] !== 'no' && validateAdminPolicy(asObject(p)).length === 0,
  );
}

export function clusterScopedPolicies(
  snapshot: ClusterSnapshot,
  context?: ModelContext,
): ModelPolicy[] {
  const policies = enforcedAdminPolicies(snapshot);
  if (!policies.length) return [];
  const ctx =
    context ??
    modelContext(
      (snapshot.namespaces ?? []).map(n => ({
        name: n.name,
        labels: { ...n.labels, [NAMESPACE_NAME_LABEL]: n.name },
      })),
    );
  const compiled = policies.map(p => compileAdminPolicy(p, ctx));
  const ties = priorityTieNotes(compiled);
  for (const p of compiled) {
    const note = ties.get(p);
    if (note) p.problems.push(note);
  }
  return compiled;
}
