/** Reachability queries and answers. */

/**
 * One end of a connection: a pod, a workload (`Deployment/web`: each
 * distinct pod of it, or its template when it has none), or an IP address. An IP that
 * belongs to a pod of the snapshot is treated as that pod.
 * @public
 */
export type ReachabilityEndpoint =
  | { namespace: string; pod: string }
  | { namespace: string; workload: string }
  | { ip: string };

/** @public */
export interface ReachabilityQuery {
  from: ReachabilityEndpoint;
  to: ReachabilityEndpoint;
  /**
   * Destination port: a number, or a name resolved on the destination pod's
   * container ports. Absent: any port (allowed when some port is allowed on
   * both sides).
   */
  port?: number | string;
  /** TCP when absent. */
  protocol?: string;
}

/** One side of a connection. @public */
export interface DirectionVerdict {
  allowed: boolean;
  /**
   * `namespace/name` of the policies that decided: those that allowed the
   * connection, or, when denied, every policy isolating this side.
   * Empty when this side is not isolated (or not a pod).
   */
  policies: string[];
  /** False when no policy of this direction selects the pod (everything allowed). */
  isolated: boolean;
  /** Ports this side allows toward/from the other end (`all ports`, `TCP/80`...). */
  ports?: string;
  reason: string;
}

/** @public */
export interface ReachabilityResult {
  allowed: boolean;
  /** The source's egress side. */
  egress: DirectionVerdict;
  /** The destination's ingress side. */
  ingress: DirectionVerdict;
  /**
   * When a workload's pods differ (labels, ports, service account), each
   * distinct pod is evaluated: how many of its pods (or pod pairs) are
   * allowed. `allowed` is then true only when all are; the notes name
   * the pods on each side.
   */
  pods?: { allowed: number; total: number };
  /** The port checked, once a named port is resolved. */
  port?: { protocol: string; port?: number; name?: string };
  notes?: string[];
}

/** A query the snapshot cannot answer (unknown pod, workload or bad IP). @public */
export class ReachabilityQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReachabilityQueryError';
  }
}
