import {
  attachCatalogConnections,
  CatalogComponent,
  ClusterEvaluation,
  ClusterReport,
  ClusterSnapshot,
  NamespaceReport,
} from '@netpol/plugin-netpol-compliance-common';

/** What the catalog's declared connections add to a namespace's report. */
export type CatalogAdditions = Pick<NamespaceReport, 'connections' | 'leastPrivilege' | 'leastPrivilegeOmitted'>;

const ADDED = ['connections', 'leastPrivilege', 'leastPrivilegeOmitted'] as const;

/**
 * The catalog's connections of each namespace, decided before the
 * namespaces are evaluated, so that a scan can make and send its namespace
 * reports one at a time. `attachCatalogConnections` reads of a namespace
 * only its name and its exemption (fixes are proposed for namespaces that
 * are not exempt), so it runs over stand-ins that carry those two, and
 * what it attached is taken off them.
 */
export function catalogAdditions(
  evaluation: ClusterEvaluation,
  snapshot: ClusterSnapshot,
  catalog: CatalogComponent[],
): Map<string, CatalogAdditions> {
  const standIns = evaluation.namespaceNames.map(namespace => {
    const exemption = evaluation.exemptionOf(namespace);
    return { namespace, ...(exemption ? { exemption } : {}) } as NamespaceReport;
  });
  const report: ClusterReport = { ...evaluation.head, namespaces: standIns };
  attachCatalogConnections(report, snapshot, catalog);
  const out = new Map<string, CatalogAdditions>();
  for (const ns of standIns) {
    const additions: CatalogAdditions = {};
    for (const key of ADDED) if (ns[key] !== undefined) Object.assign(additions, { [key]: ns[key] });
    if (Object.keys(additions).length) out.set(ns.namespace, additions);
  }
  return out;
}

/** Adds them as `attachCatalogConnections` would have: after the evaluation's own fields. */
export function addCatalogAdditions(ns: NamespaceReport, additions: CatalogAdditions | undefined): NamespaceReport {
  for (const key of ADDED) if (additions?.[key] !== undefined) Object.assign(ns, { [key]: additions[key] });
  return ns;
}
