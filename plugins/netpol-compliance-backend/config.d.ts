import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/** A duration as Backstage config writes it, e.g. `{ minutes: 10 }` (or ISO `PT10M`). */
interface HumanDuration {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

export interface Config {
  /** Configuration of the netpol-compliance backend plugin. */
  netpolCompliance?: {
    /**
     * How often each cluster is scanned. Default: every 30 minutes, 10 minute
     * timeout, first pass 15 seconds after start. With a duration, each
     * cluster is renewed on its own clock once its last attempt is that
     * old, by whichever replica has a free slot (see `fleet`); with a cron
     * schedule, every replica's pass at each cron time renews the clusters
     * not attempted since. A pass ends its scans at `timeout`.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** How the replicas share the fleet's scans. */
    fleet?: {
      /**
       * How often each replica looks for clusters due a scan (for a
       * duration schedule). Default: a tenth of the schedule's frequency,
       * at most 30 seconds, at least 1 second.
       */
      checkInterval?: HumanDuration | string;
    };
    /**
     * Namespace name patterns exempt from the namespace controls (`*` is a
     * wildcard). Default: kube-system, kube-public, kube-node-lease.
     * Exempt namespaces are still listed, as `exempt` with the reason. A
     * pattern that matches every namespace (`*`) is refused at start-up.
     */
    exemptNamespaces?: string[];
    /**
     * NETPOL-001 counts the cluster admin policies (AdminNetworkPolicy,
     * BaselineAdminNetworkPolicy, ClusterNetworkPolicy) selecting a
     * namespace as its policies. Default false: the CIS reading, which asks
     * for policies the namespace owns; admin policies are listed as
     * evidence either way, and NETPOL-003 to 005 count them always.
     */
    countAdminPolicies?: boolean;
    /**
     * Timeout of one Kubernetes API request, as a duration (`{ seconds: 15 }`
     * or ISO `PT15S`). Default 15 seconds.
     */
    requestTimeout?: HumanDuration | string;
    /** Older form of requestTimeout, in milliseconds; set one, not both. */
    requestTimeoutMs?: number;
    /**
     * Timeout of one cluster's whole scan, as a duration. Default 5 minutes.
     * A scheduled run also ends its scans at `schedule.timeout`.
     */
    clusterTimeout?: HumanDuration | string;
    /** Older form of clusterTimeout, in milliseconds; set one, not both. */
    clusterTimeoutMs?: number;
    /**
     * On-demand scans (POST /scan of a cluster, user-token scans) that may
     * wait for a slot in this replica; more are refused with 503. Default 20.
     */
    maxQueuedScans?: number;
    /** Upper bound of the in-memory cache of parsed reports, in MB of stored JSON. Default 512. */
    reportCacheMb?: number;
    /**
     * Heap limit of each scan's worker thread, in MiB. Default 1024: enough
     * for a cluster at Kubernetes' limit of 150,000 pods, and low enough
     * that V8 collects a scan's garbage before growing the heap far
     * (docs/benchmarks.md). A larger cluster's scan fails with a message
     * naming this key; 2047 is the largest value before V8 lets the heap
     * grow four times between collections.
     */
    scanWorkerHeapMb?: number;
    /**
     * A report older than this is shown as stale (`unknown`, with its age).
     * Default: twice the schedule's frequency (one day for a cron schedule).
     */
    staleAfter?: HumanDuration | string;
    /** History older than this is deleted by a daily task. Default 400 days. */
    historyRetention?: HumanDuration | string;
    /**
     * The report of a cluster that left the kubernetes configuration is kept
     * (shown as stale) this long, then dropped. Default 7 days.
     */
    removedClusterRetention?: HumanDuration | string;
    /** Items per list page. Default 500. */
    pageSize?: number;
    /** Clusters scanned at once by each replica. Default 3. */
    clusterConcurrency?: number;
    /** Requests in flight at once against one cluster. Default 4. */
    requestConcurrency?: number;
    /** Who sees what in the entity view (see the README's access rule). */
    entityAccess?: {
      /**
       * Maps entities whose label selector names no label value (`x!=y`,
       * `!x`, `k notin (a)`, a bare key `k`): such a selector matches the
       * workloads of every team. Default false: refused, with the reason.
       */
      allowBroadSelectors?: boolean;
    };
    /** Scans with a user's own cluster token (POST /entity/.../scan). */
    userTokenScans?: {
      /**
       * At most `scans` per caller (user or service) in any `window`,
       * counted in each replica; past it the answer is 429 with
       * Retry-After. Default: 5 scans a minute.
       */
      perCaller?: {
        scans?: number;
        /** A duration: `{ minutes: 1 }` or ISO `PT1M`. */
        window?: HumanDuration | string;
      };
    };
    /**
     * Base URL of the organisation's own docs for the controls; a control's
     * docs link becomes `<docsBaseUrl>/<control id>`.
     */
    docsBaseUrl?: string;
    /**
     * Regression notifications to the owners of the entities mapped to a
     * namespace (through the notifications backend), when a control there
     * turns from pass to fail or the cluster's enforcer disappears.
     */
    notifications?: {
      /** Default true; false turns the notifier off. */
      enabled?: boolean;
      /** How often stored reports are compared; default every 5 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** The entity tab's path the notification links to; default `netpol-compliance`. */
      entityTabPath?: string;
    };
    /** Per-cluster settings, by the cluster's name in the kubernetes config. */
    clusters?: Array<{
      name: string;
      /** Replaces the global exemptNamespaces for this cluster. */
      exemptNamespaces?: string[];
      /**
       * States NETPOL-002 for this cluster instead of detecting it, for
       * enforcers the detection cannot see.
       */
      enforcer?: { enforcing: boolean; reason: string };
    }>;
  };
}
