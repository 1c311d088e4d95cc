import pLimit from 'p-limit';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogComponent, EvaluateOptions } from '@netpol/plugin-netpol-compliance-common';
import type { NamespaceRow, ReportParts } from '../store/reportParts';
import { inlineSession, SessionStart, SnapshotSession } from './worker/ScanSession';
import {
  KubernetesBackendClient,
  KubernetesClusterInfo,
  KubernetesRequestError,
  ListOptions,
} from '../kubernetes/KubernetesBackendClient';
import { ENFORCER_CONFIGMAPS, LISTED_RESOURCES } from '../kubernetes/resources';
import { withDeadline } from './deadline';

export interface ClusterScannerOptions {
  client: KubernetesBackendClient;
  /** Lists in flight at once against one cluster. */
  requestConcurrency: number;
  /** A whole cluster's scan is abandoned after this long. */
  clusterTimeoutMs: number;
  evaluateOptions: (cluster: string) => EvaluateOptions;
  /** Where what a cluster said goes (never into reports). */
  logger?: LoggerService;
  /**
   * Where pages are parsed and the report is made: a worker thread in the
   * backend (`startWorkerSession`), inline by default.
   */
  sessions?: (start: SessionStart) => SnapshotSession;
  /** The catalog's components, to check declared connections (NETPOL-007); none: not checked. */
  catalogComponents?: () => Promise<CatalogComponent[] | undefined>;
  now?: () => Date;
}

/**
 * Where a scan's namespace rows go as they are made (`scannedAt` names the
 * scan): the scan waits for each batch to be taken before it makes more, so
 * neither thread holds the whole report.
 */
export type RowSink = (rows: NamespaceRow[], scannedAt: string) => Promise<void>;

export interface ScanOptions extends ListOptions {
  /** Takes the namespace rows as they are made; without it they come back in `parts`. */
  onRows?: RowSink;
}

/** What one cluster scan produced. */
export interface ClusterScanResult {
  /**
   * The report as it is stored: its head and one row per namespace (none
   * when they went to `onRows`).
   */
  parts: ReportParts;
  /** How many namespace rows the scan made. */
  namespaceCount: number;
  durationMs: number;
  /** Objects of kinds the snapshot does not use, by kind. */
  skipped: Record<string, number>;
}

/**
 * Reads one cluster through the kubernetes backend and evaluates it. A read
 * that fails does not fail the scan: it is recorded as missing data, and the
 * engine turns every control that needed it into `unknown`.
 */
export class ClusterScanner {
  constructor(private readonly options: ClusterScannerOptions) {}

  /**
   * `listOptions.signal` stops the scan early (the scheduled run's deadline,
   * a lost lease); the cluster's own timeout applies either way. A stopped
   * scan still returns, with every read it did not finish marked missing.
   */
  async scan(
    cluster: KubernetesClusterInfo,
    { onRows, ...listOptions }: ScanOptions = {},
  ): Promise<ClusterScanResult> {
    const started = Date.now();
    const now = this.options.now ?? (() => new Date());
    const deadline = withDeadline(this.options.clusterTimeoutMs, listOptions.signal);
    try {
      return await this.scanUntil(cluster, { ...listOptions, signal: deadline.signal }, { started, now, onRows });
    } finally {
      deadline.clear();
    }
  }

  private async scanUntil(
    cluster: KubernetesClusterInfo,
    opts: ListOptions & { signal: AbortSignal },
    run: { started: number; now: () => Date; onRows?: RowSink },
  ): Promise<ClusterScanResult> {
    const { signal } = opts;
    const collectedAt = run.now().toISOString();
    const log = this.options.logger?.child({ cluster: cluster.name });
    const describe = (e: unknown, what: string) => {
      // The upstream text (addresses, user names) is for the operator's log only.
      log?.warn(`${what} failed`, {
        status: e instanceof KubernetesRequestError ? e.status : undefined,
        detail: e instanceof KubernetesRequestError ? e.detail : String(e),
      });
      return describeFailure(e, signal);
    };
    // Each page goes to the session as bytes (to a worker thread in the
    // backend), where each item becomes its small snapshot record: the raw
    // objects (most of a pod is status and spec the engine never reads) are
    // garbage one page later, so memory follows the records. A list's
    // records go in once the whole list succeeded (a 410 restarts it, and a
    // failed list must not leave half a resource behind).
    const session = (this.options.sessions ?? inlineSession)({
      cluster: { name: cluster.name, title: cluster.title },
      collectedAt,
    });
    try {
      const onRows = run.onRows && ((rows: NamespaceRow[]) => run.onRows!(rows, collectedAt));
      return await this.readAndEvaluate(cluster, session, opts, describe, { started: run.started, onRows });
    } finally {
      await session.close();
    }
  }

  private async readAndEvaluate(
    cluster: KubernetesClusterInfo,
    builder: SnapshotSession,
    opts: ListOptions & { signal: AbortSignal },
    describe: (e: unknown, what: string) => string,
    run: { started: number; onRows?: (rows: NamespaceRow[]) => Promise<void> },
  ): Promise<ClusterScanResult> {
    const { client } = this.options;
    const limit = pLimit(this.options.requestConcurrency);
    let lists = 0;
    const listInto = async (path: string, kind: string, apiVersion: string) => {
      const listId = lists++;
      try {
        await client.listPages(cluster.name, path, opts, {
          page: body => builder.page(listId, kind, apiVersion, body.bytes, body.gzipped),
          restart: () => builder.discard(listId),
        });
        await builder.commit(listId);
      } catch (e) {
        await builder.discard(listId);
        throw e;
      }
    };

    const servedGroups = await this.servedGroups(cluster.name, opts).catch(
      async (e: Error) => {
        await builder.addMissing({
          resource: 'otherpolicies',
          reason: `API discovery failed, so Cilium and Calico policies could not be looked for: ${describe(e, 'API discovery')}`,
        });
        return undefined;
      },
    );

    const listed = LISTED_RESOURCES.filter(
      r => !r.requiresGroup || servedGroups?.has(r.requiresGroup),
    ).map(r =>
      limit(async () => {
        try {
          await listInto(r.path, r.kind, r.apiVersion);
        } catch (e) {
          await builder.addMissing({
            resource: r.resource,
            reason: `${r.kind} list failed: ${describe(e, `${r.kind} list`)}`,
          });
        }
      }),
    );
    const configMaps = ENFORCER_CONFIGMAPS.map(cm =>
      limit(async () => {
        try {
          // None is an answer too: that enforcer's config is not there.
          await listInto(
            `/api/v1/namespaces/${
              cm.namespace
            }/configmaps?fieldSelector=${encodeURIComponent(
              `metadata.name=${cm.name}`,
            )}`,
            'ConfigMap',
            'v1',
          );
        } catch (e) {
          await builder.addMissing({
            resource: 'configmaps',
            namespace: cm.namespace,
            reason: `ConfigMap ${cm.namespace}/${
              cm.name
            } could not be read: ${describe(e, `ConfigMap ${cm.namespace}/${cm.name}`)}`,
          });
        }
      }),
    );
    await Promise.all([...listed, ...configMaps]);

    const catalog = await this.options.catalogComponents?.();
    const { parts, skipped, namespaceCount } = await builder.finish(
      { ...this.options.evaluateOptions(cluster.name), ...(catalog ? { catalog } : {}) },
      run.onRows,
    );
    return { parts, namespaceCount, durationMs: Date.now() - run.started, skipped };
  }

  private async servedGroups(cluster: string, opts: ListOptions) {
    const body = (await this.options.client.get(cluster, '/apis', opts)) as {
      groups?: Array<{ name: string; versions?: Array<{ groupVersion?: string }> }>;
    };
    // Groups and group versions both: a cluster may serve one version of a
    // group (v1alpha1) without another (v1alpha2), and listing the absent
    // one would 404 and mark its data missing.
    return new Set(
      (body.groups ?? []).flatMap(g => [
        g.name,
        ...(g.versions ?? []).flatMap(v => (v.groupVersion ? [v.groupVersion] : [])),
      ]),
    );
  }
}

/** The plugin's own words for a failed read: safe to store and to show. */
export function describeFailure(e: unknown, clusterSignal?: AbortSignal): string {
  if (clusterSignal?.aborted) return 'the cluster scan timed out';
  if (e instanceof KubernetesRequestError) return e.message;
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return 'timed out';
  return 'an unexpected error (the backend log has the details)';
}
