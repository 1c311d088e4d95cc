/** Shapes of the REST API under /api/netpol-compliance. */
import type { ClusterReport, ControlResult, NamespaceReport } from './report';

/** How an entity was mapped to namespaces. @public */
export interface EntityMapping {
  mapped: boolean;
  /** Why the entity is not mapped, when it is not. */
  reason?: string;
  /** Namespaces from the namespace annotation, if any. */
  namespaces?: string[];
  /** Clusters from the cluster annotation, if any (otherwise all). */
  clusters?: string[];
  /** The label selector used to find the entity's pods. */
  labelSelector?: string;
}

/** One cluster as seen from an entity. @public */
export interface EntityClusterView {
  cluster: {
    name: string;
    title?: string;
    /** The kubernetes backend's auth provider for the cluster, when known. */
    authProvider?: string;
    /** With `oidc`: which OIDC token provider (`okta`, ...). */
    oidcTokenProvider?: string;
    /**
     * True when the cluster needs the signed-in user's own token (oidc,
     * google, aks): background scans cannot read it; the entity view can
     * scan it on demand with the user's credentials.
     */
    needsUserToken?: boolean;
  };
  /** `ok` when the cluster was scanned; `error` when no report exists. */
  state: 'ok' | 'error';
  /** Set when this view comes from an on-demand scan with the caller's own token (not stored). */
  scannedWithUserToken?: boolean;
  error?: string;
  scannedAt?: string;
  /** Cluster-scoped results (NETPOL-002). */
  results: ControlResult[];
  namespaces: NamespaceReport[];
}

/** GET /entity/:kind/:namespace/:name @public */
export interface EntityComplianceResponse {
  entityRef: string;
  mapping: EntityMapping;
  clusters: EntityClusterView[];
}

/** @public */
export type { ClusterReport };

/** Query of GET /overview. @public */
export interface OverviewQuery {
  cluster?: string;
  control?: string;
  status?: string;
  /** Owner entity ref (`group:default/team-a`), or `none` for unowned namespaces. */
  owner?: string;
  /** Free text matched against cluster, namespace and owner names. */
  q?: string;
  /** Sort key; default `status` (worst first), then cluster and namespace. */
  sort?: 'cluster' | 'namespace' | 'owner' | 'status';
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** One namespace of one cluster in the overview. @public */
export interface OverviewRow {
  cluster: string;
  namespace: string;
  /** Catalog owners of the entities that map to this namespace. */
  owners: string[];
  /** Entities mapping to this namespace (refs). */
  entities: string[];
  exemption?: { reason: string };
  /** One per namespace control, plus the cluster's NETPOL-002. */
  results: Array<Pick<ControlResult, 'control' | 'status' | 'reason'>>;
}

/** @public */
export interface OverviewClusterSummary {
  cluster: { name: string; title?: string };
  scannedAt?: string;
  error?: string;
  results: ControlResult[];
  /** Namespace counts per status of the worst namespace control. */
  counts: Record<string, number>;
}

/**
 * How current the fleet's reports are: every cluster the kubernetes backend
 * lists against its stored report. @public
 */
export interface FleetFreshness {
  /** Clusters in the kubernetes backend's listing, as last recorded. */
  clusters: number;
  /** Of those, clusters with a stored report. */
  withReport: number;
  /** Listed clusters with no report yet (first scan pending or failing). */
  withoutReport: string[];
  /** The oldest report of a listed cluster: the fleet is at least this current. */
  oldestReportAt?: string;
  oldestReportCluster?: string;
  oldestReportAgeMs?: number;
}

/** GET /overview @public */
export interface OverviewResponse {
  total: number;
  offset: number;
  limit: number;
  rows: OverviewRow[];
  summary: {
    /** control id -> status -> number of namespaces (or clusters for NETPOL-002). */
    byControl: Record<string, Record<string, number>>;
    byCluster: OverviewClusterSummary[];
    /** The fleet's freshness (absent from older backends). */
    fleet?: FleetFreshness;
  };
}

/** One day of history. @public */
export interface HistoryPoint {
  /** YYYY-MM-DD */
  day: string;
  control: string;
  counts: Record<string, number>;
}

/** GET /history @public */
export interface HistoryResponse {
  points: HistoryPoint[];
}
