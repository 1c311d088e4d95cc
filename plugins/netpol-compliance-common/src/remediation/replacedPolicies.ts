/**
 * Which of a namespace's existing NetworkPolicies a least-privilege set
 * replaces. NetworkPolicies only add allowances, so a set applied beside a
 * policy that lets other namespaces or outside addresses in leaves them in:
 * isolation needs that policy gone. Policies that admit only the
 * namespace's own pods (or only restrict egress) stay: they open nothing
 * the verification forbids, and they are the team's to keep.
 *
 * Replaced: a policy of the same name as one of the set (`kubectl apply`
 * overwrites it), an earlier generated one the set no longer contains, one
 * with an ingress rule that admits a source outside the namespace, and one
 * NETPOL-006 flags (a rule that re-opens all traffic, egress too: the
 * namespace controls must pass with the set applied). Decided from the
 * policy's text, not from today's pods, so a policy whose selectors happen
 * to match nothing yet is replaced too.
 */
import { allowAllRules } from '../controls/netpol006';
import type { ClusterIndex } from '../engine/clusterIndex';
import type { OpenPath } from '../connections/types';
import type { NetworkPolicyPeer, NetworkPolicySnapshot } from '../snapshot/types';
import { MANAGED_LABELS } from './generateRemediation';
import { NAMESPACE_NAME_LABEL } from '../snapshot/wellKnownLabels';

/** An existing policy the set replaces, and why. @public */
export interface ReplacedPolicy {
  name: string;
  /** `overwrite`: the set has a policy of this name (`kubectl apply` replaces it); `delete`: delete it. */
  action: 'overwrite' | 'delete';
  why: string;
}


/** True when the peer can only be a pod of `namespace`. */
function peerStaysInside(peer: NetworkPolicyPeer, namespace: string): boolean {
  if (peer.ipBlock) return false;
  const ns = peer.namespaceSelector;
  if (!ns) return true; // podSelector alone: pods of the policy's namespace
  const labels = ns.matchLabels ?? {};
  return !ns.matchExpressions?.length && labels[NAMESPACE_NAME_LABEL] === namespace;
}

function admitsOutsiders(policy: NetworkPolicySnapshot): boolean {
  const types = policy.spec.policyTypes;
  if (types && !types.includes('Ingress')) return false;
  return (policy.spec.ingress ?? []).some(
    rule => !rule.from?.length || rule.from.some(peer => !peerStaysInside(peer, policy.namespace)),
  );
}

/** The namespace's existing policies the `proposed` set replaces, by name. */
export function replacedPolicies(
  index: ClusterIndex,
  namespace: string,
  proposed: NetworkPolicySnapshot[],
): ReplacedPolicy[] {
  const names = new Set(proposed.map(p => p.name));
  const reopening = new Set(
    (index.models.byNamespace.get(namespace) ?? [])
      .filter(m => m.ref.kind === 'NetworkPolicy' && allowAllRules(m).length > 0)
      .map(m => m.ref.name),
  );
  const out: ReplacedPolicy[] = [];
  for (const p of index.snapshot.networkPolicies) {
    if (p.namespace !== namespace) continue;
    if (names.has(p.name)) {
      out.push({ name: p.name, action: 'overwrite', why: 'the set has a policy of the same name' });
    } else if (Object.entries(MANAGED_LABELS).every(([k, v]) => p.labels?.[k] === v)) {
      out.push({ name: p.name, action: 'delete', why: 'generated earlier; the catalog no longer declares what it allows' });
    } else if (admitsOutsiders(p)) {
      out.push({ name: p.name, action: 'delete', why: 'it admits sources from outside the namespace; the set admits only the declared ones' });
    } else if (reopening.has(p.name)) {
      out.push({ name: p.name, action: 'delete', why: 'it re-opens traffic to everyone (NETPOL-006); the set allows only the declared connections' });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What a replaced policy lets in today, from open but undeclared paths
 * (`source to Kind/name`, each once): what deleting it closes.
 * @public
 */
export function letInBy(namespace: string, name: string, openPaths: OpenPath[]): string[] {
  const id = `${namespace}/${name}`;
  return [...new Set(openPaths.filter(o => o.policies.includes(id)).map(o => `${o.source} to ${o.to.workload}`))];
}
