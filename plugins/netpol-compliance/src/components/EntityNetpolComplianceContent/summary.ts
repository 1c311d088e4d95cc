import type {
  ControlStatus,
  EntityComplianceResponse,
  EntityMapping,
} from '@netpol/plugin-netpol-compliance-common';
import type { NamespaceRow } from '../NamespaceTable';
import { needsAction, worstOf, worstStatus } from '../../utils/status';

export interface ComplianceSummary {
  status: ControlStatus;
  headline: string;
  detail?: string;
  rows: NamespaceRow[];
}

export function namespaceRows(view: EntityComplianceResponse): NamespaceRow[] {
  return view.clusters.flatMap(cluster =>
    cluster.namespaces.map(report => ({
      cluster: cluster.cluster.name,
      clusterTitle: cluster.cluster.title,
      report,
    })),
  );
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the summary is made of: the entity's clusters and namespaces, tallied. */
interface Tally {
  rows: NamespaceRow[];
  withoutEnforcer: EntityComplianceResponse['clusters'];
  unscanned: number;
  failing: number;
  warning: number;
  unknown: number;
  status: ControlStatus;
}

function tally(view: EntityComplianceResponse): Tally {
  const rows = namespaceRows(view);
  const withoutEnforcer = view.clusters.filter(c =>
    c.results.some(r => r.control === 'NETPOL-002' && needsAction(r.status)),
  );
  const unscanned = view.clusters.filter(c => c.state === 'error');
  const rowStatus = rows.map(r => worstOf(r.report.results));
  const status = worstStatus([
    ...rowStatus,
    ...withoutEnforcer.map(() => 'fail' as const),
    ...unscanned.map(() => 'unknown' as const),
  ]);
  return {
    rows,
    withoutEnforcer,
    unscanned: unscanned.length,
    failing: rowStatus.filter(s => s === 'fail').length,
    warning: rowStatus.filter(s => s === 'warning').length,
    unknown: rowStatus.filter(s => s === 'unknown').length,
    status,
  };
}

/** What limits the results: no enforcer, unscanned clusters, unread namespaces. */
function details(t: Tally): string[] {
  const { withoutEnforcer, unscanned, unknown } = t;
  const sentences: string[] = [];
  if (withoutEnforcer.length) {
    sentences.push(
      `${withoutEnforcer
        .map(c => c.cluster.title ?? c.cluster.name)
        .join(', ')} ${
        withoutEnforcer.length === 1 ? 'does' : 'do'
      } not enforce network policies: policies there have no effect.`,
    );
  }
  if (unscanned) {
    sentences.push(
      `${plural(
        unscanned,
        'cluster',
      )} could not be scanned; their results are unknown.`,
    );
  }
  if (unknown) {
    sentences.push(
      `${plural(unknown, 'namespace')} could not be fully read; ${
        unknown === 1 ? 'its' : 'their'
      } results are unknown.`,
    );
  }
  return sentences;
}

/** The worst news first: failing, then no enforcer, warnings, unknowns. */
function headline(t: Tally): string {
  const { rows, failing, warning } = t;
  if (failing) {
    return `${failing} of ${plural(rows.length, 'namespace')} ${
      failing === 1 ? 'is' : 'are'
    } not isolated by network policies. Select Fix on a row for the reason and the YAML that fixes it.`;
  }
  if (t.withoutEnforcer.length) {
    return 'Network policies are not enforced everywhere this entity runs.';
  }
  if (warning) {
    return `${plural(warning, 'namespace')} of ${rows.length} ${
      warning === 1 ? 'has' : 'have'
    } policies that re-open traffic.`;
  }
  if (t.status === 'unknown') {
    return 'Some results are unknown: the scan could not read everything.';
  }
  if (rows.length) {
    return rows.length === 1
      ? 'The namespace of this entity is isolated by network policies.'
      : `All ${rows.length} namespaces of this entity are isolated by network policies.`;
  }
  return 'No namespaces found for this entity.';
}

/** The sentence a service owner reads first. */
export function summarize(view: EntityComplianceResponse): ComplianceSummary {
  const t = tally(view);
  return {
    status: t.status,
    headline: headline(t),
    detail: details(t).join(' ') || undefined,
    rows: t.rows,
  };
}

/** How the entity was mapped, in words. */
export function describeMapping(mapping: EntityMapping): string {
  const parts: string[] = [];
  if (mapping.namespaces?.length) {
    parts.push(
      `${
        mapping.namespaces.length === 1 ? 'Namespace' : 'Namespaces'
      } ${mapping.namespaces.join(
        ', ',
      )} (from backstage.io/kubernetes-namespace)`,
    );
  } else if (mapping.labelSelector) {
    parts.push(`Namespaces running pods labelled ${mapping.labelSelector}`);
  }
  parts.push(
    mapping.clusters?.length
      ? `in ${
          mapping.clusters.length === 1 ? 'cluster' : 'clusters'
        } ${mapping.clusters.join(', ')}`
      : 'in every cluster',
  );
  return `${parts.join(' ')}.`;
}
