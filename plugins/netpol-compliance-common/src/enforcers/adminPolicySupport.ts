/**
 * Do the plugins that enforce in this cluster implement the network-policy
 * API kinds present in it? A kind nobody implements is stored by the API
 * server and enforced by nothing: NETPOL-002 warns, and the engine does not
 * count those policies toward any verdict.
 */
import type { AdminPolicyKind, AdminPolicySnapshot } from '../snapshot/types';
import type { ApiSupport, Finding } from './types';

const RANK: Record<ApiSupport, number> = { no: 0, unknown: 1, yes: 2 };

const KINDS: AdminPolicyKind[] = [
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
];

/**
 * Per kind, the best support among the enforcing plugins (one that
 * implements it is enough); `unknown` when nothing was detected as enforcing
 * (detection failed or was overridden).
 */
export function supportByKind(
  findings: Finding[],
): Record<AdminPolicyKind, ApiSupport> {
  const enforcing = findings.filter(f => f.state === 'enforcing');
  const out = {} as Record<AdminPolicyKind, ApiSupport>;
  for (const kind of KINDS) {
    if (!enforcing.length) {
      out[kind] = 'unknown';
      continue;
    }
    out[kind] = enforcing
      .map(f => f.adminPolicies?.[kind] ?? 'no')
      .reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'no' as ApiSupport);
  }
  return out;
}

/** Kinds implemented for sure by a finding, to name it as such. */
export function implementedKinds(f: Finding): AdminPolicyKind[] {
  return KINDS.filter(k => f.adminPolicies?.[k] === 'yes');
}

function plural(kind: AdminPolicyKind, n: number): string {
  return n === 1 ? kind : `${kind.replace(/y$/, 'ie')}s`;
}

/**
 * The warnings for admin policies present in the cluster that its enforcers
 * do not (or may not) implement; empty when all are implemented.
 */
export function adminPolicyWarnings(
  policies: AdminPolicySnapshot[],
  findings: Finding[],
): string[] {
  const support = supportByKind(findings);
  const enforcing = findings.filter(f => f.state === 'enforcing');
  const who = enforcing.map(f => f.name).join(', ') || 'the enforcer';
  const why = enforcing
    .map(f => f.adminPolicies?.detail)
    .filter((d): d is string => !!d)
    .join('; ');
  const out: string[] = [];
  for (const kind of KINDS) {
    const names = policies.filter(p => p.kind === kind).map(p => p.name);
    if (!names.length || support[kind] === 'yes') continue;
    const list = `${names.length} ${plural(kind, names.length)} (${names
      .sort()
      .join(', ')})`;
    out.push(
      support[kind] === 'no'
        ? `${who} does not implement ${kind}: the ${list} in this cluster ${
            names.length === 1 ? 'is' : 'are'
          } stored by the API server but enforced by nothing, so no verdict counts ${
            names.length === 1 ? 'it' : 'them'
          }${why ? ` (${why})` : ''}`
        : `Cannot tell whether ${who} enforces ${kind}: check before relying on the ${list}${
            why ? ` (${why})` : ''
          }`,
    );
  }
  return out;
}
