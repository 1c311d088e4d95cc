import type {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  EntityComplianceResponse,
  NamespaceReport,
  HistoryResponse,
  OverviewQuery,
  OverviewResponse,
  netpolComplianceOverviewReadPermission,
  netpolComplianceScanPermission,
} from '@netpol/plugin-netpol-compliance-common';
import { mapEntity } from '../mapping/entityMapping';
import { loadMappedEntities } from '../mapping/mappedEntities';
import { ScanService, ScanSummary, USER_TOKEN_AUTH_PROVIDERS } from '../scan/ScanService';
import type { StoredCluster } from '../store/ReportStore';
import type { ReplicaActivitySnapshot } from '../scan/ReplicaActivity';
import { AuditContext, openScanRecord, settle } from './auditedScan';
import { CallerRateLimit } from './callerRateLimit';
import { callerKey, requireKubernetesRead } from './entityAccess';
import { EntityViewPlan, planEntityViews, renderEntityViews } from './entityView';
import { indexOf } from './staleness';
import type { ReportIndex } from '../store/reportParts';
import type { NamespaceOwnerIndex } from './namespaceOwners';
import { overviewPage } from './overview';
import { OverviewMemo } from './overviewMemo';
import { OwnerIndexCache } from './ownerIndexCache';
import { ComplianceServiceConfig, readComplianceServiceConfig } from './serviceConfig';

/** `GET /history`: the last `days` days, optionally one cluster, namespace or control. */
export interface HistoryQuery {
  days: number;
  cluster?: string;
  namespace?: string;
  control?: string;
}

/**
 * The plugin's read and scan operations, shared by the REST routes and the
 * actions registry, each checked against the caller's own permissions.
 */
export class ComplianceService {
  private readonly settings: ComplianceServiceConfig;
  private readonly owners: OwnerIndexCache;
  private readonly userTokenScans: CallerRateLimit;
  private readonly overviews = new OverviewMemo();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      scans: ScanService;
      /** Records scans that a person or a service triggers. */
      auditor: AuditorService;
      /** The root config: `netpolCompliance.entityAccess` and `.userTokenScans`. */
      config: Config;
      /** This replica's scans and the fleet's scans in flight, for `/status`. */
      fleetActivity?: () => Promise<{ replica: ReplicaActivitySnapshot; scanning: Array<{ cluster: string; holder: string }> }>;
    },
  ) {
    this.settings = readComplianceServiceConfig(deps.config);
    this.userTokenScans = new CallerRateLimit(this.settings.userTokenScanLimit);
    this.owners = new OwnerIndexCache({
      loadEntities: () => loadMappedEntities(deps),
      mapping: { allowBroadSelectors: this.settings.allowBroadSelectors },
      persistence: deps.scans.ownerIndexes,
    });
  }

  private async require(permission: BasicPermission, credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * The entity's namespaces on every cluster, to a caller who may read the
   * entity in the catalog and holds the kubernetes plugin's own read
   * permissions (the access rule: see the README). With `userAuthHeaders`,
   * the clusters that need the user's own token are scanned now with them
   * (limited per caller, audited, not stored); the others come from the
   * stored scans.
   */
  async getEntityCompliance(
    entityRef: string,
    credentials: BackstageCredentials,
    options: { userAuthHeaders?: Record<string, string> } & AuditContext = {},
  ): Promise<EntityComplianceResponse> {
    // Checked first, as the kubernetes backend does: a refusal says nothing
    // about whether the entity exists.
    await requireKubernetesRead(this.deps.permissions, credentials);
    // Asked with the caller's credentials: an entity they may not read is
    // answered exactly like one that does not exist.
    const entity = await this.deps.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const mapping = mapEntity(entity, { allowBroadSelectors: this.settings.allowBroadSelectors });
    let stored = await this.deps.scans.clusterIndexes({ labels: true });
    const fresh = new Set<string>();
    const { userAuthHeaders } = options;
    if (userAuthHeaders && mapping.mapped) {
      const scanned = await this.scanWithUserToken(entity, mapping.clusters, userAuthHeaders, credentials, options);
      for (const c of scanned) fresh.add(c.cluster);
      stored = [...stored.filter(c => !fresh.has(c.cluster)), ...scanned];
    }
    // Only the namespaces the view shows are read whole.
    const plans = planEntityViews(mapping, stored);
    const loaded = new Map<EntityViewPlan, NamespaceReport[]>();
    await Promise.all(
      plans.map(async plan => {
        const c = plan.stored;
        if (!plan.names.length) return;
        if (c.report) {
          const byName = new Map(c.report.namespaces.map(n => [n.namespace, n]));
          loaded.set(plan, plan.names.flatMap(n => (byName.has(n) ? [byName.get(n)!] : [])));
        } else if (c.scannedAt) {
          loaded.set(plan, await this.deps.scans.namespaceReports(c.cluster, c.scannedAt, plan.names));
        }
      }),
    );
    const clusters = await Promise.all(
      renderEntityViews(mapping, plans, plan => loaded.get(plan) ?? []).map(async view => {
        const info = await this.deps.scans.clusterInfo(view.cluster.name);
        return {
          ...view,
          cluster: {
            ...view.cluster,
            authProvider: info?.authProvider,
            oidcTokenProvider: info?.oidcTokenProvider,
            needsUserToken: info ? USER_TOKEN_AUTH_PROVIDERS.has(info.authProvider) : undefined,
          },
          scannedWithUserToken: fresh.has(view.cluster.name) || undefined,
        };
      }),
    );
    return { entityRef: stringifyEntityRef(entity), mapping, clusters };
  }

  private async scanWithUserToken(
    entity: Entity,
    clusters: string[] | undefined,
    userAuthHeaders: Record<string, string>,
    credentials: BackstageCredentials,
    context: AuditContext,
  ): Promise<StoredCluster[]> {
    const caller = callerKey(credentials);
    const record = await openScanRecord(this.deps.auditor, {
      eventId: 'user-token-scan',
      meta: { caller, entityRef: stringifyEntityRef(entity), clusters: clusters ?? null },
      context,
    });
    return settle(
      record,
      (async () => {
        // A request the queue would refuse does not cost the caller a scan.
        if (this.deps.scans.queueFull) {
          throw new ServiceUnavailableError('Too many scan requests are waiting; try again when the running ones end');
        }
        this.userTokenScans.take(caller);
        return this.deps.scans.scanWithUserToken(clusters, userAuthHeaders);
      })(),
      scanned => ({ scanned: scanned.map(c => ({ cluster: c.cluster, ok: !c.lastError })) }),
    );
  }

  async getOverview(query: OverviewQuery, credentials: BackstageCredentials): Promise<OverviewResponse> {
    await this.require(netpolComplianceOverviewReadPermission, credentials);
    const stored = await this.deps.scans.clusterIndexes();
    const [owners, fleet] = await Promise.all([this.ownerIndex(stored), this.deps.scans.fleet(stored)]);
    const page = overviewPage(this.overviews.rows(stored, owners, query), query);
    return { ...page, summary: { ...page.summary, fleet } };
  }

  async getHistory(
    query: HistoryQuery,
    credentials: BackstageCredentials,
  ): Promise<HistoryResponse> {
    await this.require(netpolComplianceOverviewReadPermission, credentials);
    const since = new Date(Date.now() - (query.days - 1) * 86_400_000).toISOString().slice(0, 10);
    const rows = await this.deps.scans.history({ sinceDay: since, ...query });
    const points = new Map<string, { day: string; control: string; counts: Record<string, number> }>();
    for (const r of rows) {
      const key = `${r.day} ${r.control}`;
      let point = points.get(key);
      if (!point) points.set(key, (point = { day: r.day, control: r.control, counts: {} }));
      point.counts[r.status] = (point.counts[r.status] ?? 0) + r.count;
    }
    return { points: [...points.values()] };
  }

  async getStatus(credentials: BackstageCredentials) {
    await this.require(netpolComplianceOverviewReadPermission, credentials);
    const clusters = await this.deps.scans.clusterIndexes();
    const activity = await this.deps.fleetActivity?.();
    return {
      fleet: { ...(await this.deps.scans.fleet(clusters)), scanning: activity?.scanning.map(s => s.cluster) },
      replica: activity?.replica,
      clusters: clusters.map(c => ({
        name: c.cluster,
        title: c.title,
        scannedAt: c.scannedAt,
        durationMs: c.durationMs,
        lastScanStartedAt: c.scannedAt,
        lastScanEndedAt:
          c.scannedAt && c.durationMs !== undefined
            ? new Date(Date.parse(c.scannedAt) + c.durationMs).toISOString()
            : undefined,
        lastAttemptAt: c.lastAttemptAt,
        lastError: c.lastError,
        removedAt: c.removedAt,
        stale: c.stale,
        namespaces: indexOf(c)?.namespaces.length,
        readErrors: indexOf(c)?.head.errors ?? [],
      })),
    };
  }

  /**
   * Starts a scan (or joins the running one); `done` settles when it ends.
   * Recorded with the auditor, the refusals included.
   */
  async scan(
    credentials: BackstageCredentials,
    options: { cluster?: string } & AuditContext = {},
  ): Promise<{ done: Promise<ScanSummary> }> {
    const { cluster } = options;
    const record = await openScanRecord(this.deps.auditor, {
      eventId: 'scan',
      meta: { caller: callerKey(credentials), queryType: cluster ? 'cluster' : 'all', cluster: cluster ?? null },
      context: options,
    });
    // Refusals and unknown clusters are answered (and recorded) now; the
    // scan itself may outlive the request: its outcome is recorded when it ends.
    let started: { done: Promise<ScanSummary> };
    try {
      await this.require(netpolComplianceScanPermission, credentials);
      started = cluster ? await this.deps.scans.startScanOf(cluster) : { done: this.deps.scans.scanAll() };
    } catch (e) {
      await record.fail({ error: e as Error });
      throw e;
    }
    const done = settle(
      record,
      started.done.then(async summary => {
        await this.warmUp();
        return summary;
      }),
      summary => ({ clusters: summary.clusters.map(c => ({ name: c.name, ok: c.ok })) }),
    );
    return { done };
  }

  /**
   * Makes the first overview after a scan or a restart a slice of rows made
   * beforehand: builds the namespace owner index for the latest reports (it
   * reads every mapped entity of the catalog: tens of thousands in a large
   * organisation) and the default overview's sorted rows. The label sets
   * the entity view reads are left to the first entity request: read here,
   * they ran beside the first overview after a restart and slowed it.
   * Failures only cost the first requests their speed.
   */
  async warmUp(): Promise<void> {
    await this.prepareOverview(reports => this.owners.get(reports));
  }

  /**
   * The warm-up that can run before the backend reports ready, when the
   * catalog may not be up yet: the stored reports' indexes, and the default
   * overview's rows if the owner index the last run kept was built for
   * those reports. Never reads the catalog (when the kept index does not
   * fit, `warmUp` builds one once the backend has started).
   */
  async warmUpFromStore(): Promise<void> {
    await this.prepareOverview(reports => this.owners.kept(reports));
  }

  private async prepareOverview(
    ownersOf: (reports: ReportIndex[]) => Promise<NamespaceOwnerIndex | undefined>,
  ): Promise<void> {
    try {
      const stored = await this.deps.scans.clusterIndexes();
      const owners = await ownersOf(reportIndexes(stored));
      if (owners) this.overviews.rows(stored, owners, {});
    } catch {
      // The overview builds the index itself and reports its own errors.
    }
  }

  private ownerIndex(stored: StoredCluster[]): Promise<NamespaceOwnerIndex> {
    return this.owners.get(reportIndexes(stored));
  }
}

function reportIndexes(stored: StoredCluster[]): ReportIndex[] {
  return stored.map(indexOf).filter((r): r is ReportIndex => Boolean(r));
}
