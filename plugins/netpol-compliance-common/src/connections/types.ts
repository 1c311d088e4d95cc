/**
 * Connections the catalog declares, as plain data: the backend reads the
 * catalog, the CLI reads catalog-info files, the engine only sees these.
 */
import type { EntityMapping } from '../api';
import type { ReachabilityResult } from '../reachability/types';
import type { ReplacedPolicy } from '../remediation/replacedPolicies';

/** A catalog component (or resource) and the relations it declares. @public */
export interface CatalogComponent {
  /** Entity ref, `component:default/shop-web`. */
  ref: string;
  /** Where it runs, from the kubernetes annotations (unmapped: runs nowhere we see). */
  mapping: EntityMapping;
  /** `spec.dependsOn` entity refs (components, resources, or a `system:` for its components). */
  dependsOn?: string[];
  /** `spec.dependencyOf`: the entities that depend on this one (the same relation, declared from this side). */
  dependencyOf?: string[];
  consumesApis?: string[];
  providesApis?: string[];
  /** `spec.system` entity ref. */
  system?: string;
}

/** The cluster DNS, a dependency of every pod. @public */
export const CLUSTER_DNS = 'cluster-dns';

/** One connection the catalog declares: `from` opens connections to `to`. @public */
export interface ExpectedConnection {
  /** Entity ref, or CLUSTER_DNS. */
  from: string;
  to: string;
  /** Why it is expected, for people: `dependsOn`, `consumes api:default/payments`. */
  because: string[];
}

/** A workload one end of a connection runs as. @public */
export interface ConnectionEnd {
  namespace: string;
  /** `Deployment/web` */
  workload: string;
}

/** @public */
export type ConnectionVerdict = 'allowed' | 'blocked';

/** One declared connection between two workloads on one cluster. @public */
export interface EvaluatedConnection {
  connection: ExpectedConnection;
  from: ConnectionEnd;
  to: ConnectionEnd;
  verdict: ConnectionVerdict;
  /** The engine's answer (reasons, deciding policies). */
  result: ReachabilityResult;
}

/** Sources the catalog does not declare that can reach one of the entity's workloads. @public */
export interface OpenPath {
  to: ConnectionEnd;
  /** A namespace of the cluster, or `outside the cluster`. */
  source: string;
  /** Workloads of that namespace that can reach it (empty for outside the cluster). */
  workloads: string[];
  /** The policies that let them in (empty: no policy isolates the destination). */
  policies: string[];
  reason: string;
}

/** Connections of one entity on one cluster. @public */
export interface ClusterConnections {
  cluster: string;
  connections: EvaluatedConnection[];
  /** Declared connections with an end that does not run on this cluster. */
  notEvaluated: Array<{ connection: ExpectedConnection; reason: string }>;
  openButUndeclared: OpenPath[];
  /** Set when the open paths were not all checked (the scan's budget ran out). */
  openPathsIncomplete?: string;
}

/** One entity's connections as a namespace report stores them (the ends in that namespace). @public */
export interface EntityConnections extends ClusterConnections {
  entityRef: string;
}

/** The least-privilege Fix of a namespace and how it was verified. @public */
export interface LeastPrivilegeFix {
  /** Multi-document YAML: default denies, DNS, then the declared connections. */
  yaml: string;
  /** Existing policies of the namespace to delete when applying (absent in reports of older versions). */
  replaces?: ReplacedPolicy[];
  /** What could not be narrowed (no declared port, no stable label). */
  notes: string[];
  /** Every declared connection allowed, no undeclared source from outside the namespace, controls pass. */
  verified: boolean;
  problems: string[];
  /** Declared connections allowed on this side that the other end's namespace still blocks. */
  otherSide: string[];
  declared: Array<{ from: ConnectionEnd; to: ConnectionEnd; because: string[]; allowed: boolean }>;
  controls: Array<{ control: string; status: string; reason: string }>;
}
