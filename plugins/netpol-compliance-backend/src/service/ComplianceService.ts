import type {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ClusterReport,
  EntityComplianceResponse,
  HistoryResponse,
  OverviewQuery,
  OverviewResponse,
} from '@netpol/plugin-netpol-compliance-common';
import { mapEntity } from '../mapping/entityMapping';
import {
  netpolComplianceOverviewReadPermission,
  netpolComplianceScanPermission,
} from '../permissions';
import { ScanService, ScanSummary, USER_TOKEN_AUTH_PROVIDERS } from '../scan/ScanService';
import { buildEntityClusterViews } from './entityView';
import { buildNamespaceOwnerIndex, NamespaceOwnerIndex } from './namespaceOwners';
import { buildOverview } from './overview';

/** After this long, the owner index is rebuilt in the background (catalog edits). */
const OWNER_CACHE_MS = 60_000;

/**
 * The plugin's read and scan operations, shared by the REST routes and the
 * actions registry, each checked against the caller's own permissions.
 */
export class ComplianceService {
  private owners?: { at: number; signature: string; index: NamespaceOwnerIndex };
  private ownersRefresh?: Promise<unknown>;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      scans: ScanService;
      /** Records scans that a person or a service triggers. */
      auditor?: AuditorService;
      /** The root config, for the entity access rules. */
      config?: Config;
    },
  ) {}

  private async require(permission: BasicPermission, credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /**
   * The entity's namespaces on every cluster. With `userAuthHeaders`, the
   * clusters that need the user's own token are scanned now with them (and
   * not stored); the others come from the stored scans.
   */
  async getEntityCompliance(
    entityRef: string,
    credentials: BackstageCredentials,
    userAuthHeaders?: Record<string, string>,
  ): Promise<EntityComplianceResponse> {
    // Asked with the caller's credentials: an entity they may not read is
    // answered exactly like one that does not exist.
    const entity = await this.deps.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const mapping = mapEntity(entity);
    let stored = await this.deps.scans.storedClusters();
    const fresh = new Set<string>();
    if (userAuthHeaders && mapping.mapped) {
      const scanned = await this.deps.scans.scanWithUserToken(mapping.clusters, userAuthHeaders);
      for (const c of scanned) fresh.add(c.cluster);
      stored = [...stored.filter(c => !fresh.has(c.cluster)), ...scanned];
    }
    const clusters = buildEntityClusterViews(mapping, stored).map(view => {
      const info = this.deps.scans.clusterInfo(view.cluster.name);
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
    });
    return { entityRef: stringifyEntityRef(entity), mapping, clusters };
  }

  async getOverview(query: OverviewQuery, credentials: BackstageCredentials): Promise<OverviewResponse> {
    await this.require(netpolComplianceOverviewReadPermission, credentials);
    const stored = await this.deps.scans.storedClusters();
    const reports = stored.map(c => c.report).filter((r): r is ClusterReport => Boolean(r));
    return buildOverview(stored, await this.ownerIndex(reports), query);
  }

  async getHistory(
    query: { days: number; cluster?: string; namespace?: string; control?: string },
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
    const clusters = await this.deps.scans.storedClusters();
    return {
      clusters: clusters.map(c => ({
        name: c.cluster,
        title: c.title,
        scannedAt: c.scannedAt,
        durationMs: c.durationMs,
        lastAttemptAt: c.lastAttemptAt,
        lastError: c.lastError,
        namespaces: c.report?.namespaces.length,
        readErrors: c.report?.errors ?? [],
      })),
    };
  }

  /** Starts a scan (or joins the running one); `done` settles when it ends. */
  async scan(
    credentials: BackstageCredentials,
    cluster?: string,
  ): Promise<{ done: Promise<ScanSummary> }> {
    await this.require(netpolComplianceScanPermission, credentials);
    const { done } = cluster
      ? await this.deps.scans.startScanOf(cluster)
      : { done: this.deps.scans.scanAll() };
    const doneAndWarm = async () => {
      const summary = await done;
      await this.warmUp();
      return summary;
    };
    return { done: doneAndWarm() };
  }

  /**
   * Builds the namespace owner index for the latest reports, so that the
   * first overview after a scan does not wait for it (it reads every mapped
   * entity of the catalog: tens of thousands in a large organisation).
   * Failures only cost that first request its speed.
   */
  async warmUp(): Promise<void> {
    try {
      const stored = await this.deps.scans.storedClusters();
      await this.ownerIndex(
        stored.map(c => c.report).filter((r): r is ClusterReport => Boolean(r)),
      );
    } catch {
      // The overview builds the index itself and reports its own errors.
    }
  }

  /**
   * Namespace owners, from the catalog's mapped entities read with the
   * plugin's own credentials (owners are shown to everyone allowed the
   * overview). Rebuilt when the reports change; when only its age is up
   * (catalog edits), the current index is served while a fresh one is built
   * in the background: a large catalog takes most of a second to index.
   */
  private async ownerIndex(reports: ClusterReport[]): Promise<NamespaceOwnerIndex> {
    const signature = reports.map(r => `${r.cluster.name}@${r.scannedAt}`).join(',');
    if (this.owners && this.owners.signature === signature) {
      if (Date.now() - this.owners.at >= OWNER_CACHE_MS && !this.ownersRefresh) {
        this.ownersRefresh = this.buildOwnerIndex(reports, signature)
          .catch(() => undefined) // The current index stays; the next request retries.
          .finally(() => {
            this.ownersRefresh = undefined;
          });
      }
      return this.owners.index;
    }
    return this.buildOwnerIndex(reports, signature);
  }

  private async buildOwnerIndex(reports: ClusterReport[], signature: string): Promise<NamespaceOwnerIndex> {
    const at = Date.now();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: [
          { [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: CATALOG_FILTER_EXISTS },
          { [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]: CATALOG_FILTER_EXISTS },
          { [`metadata.annotations.${ANNOTATION_KUBERNETES_NAMESPACE}`]: CATALOG_FILTER_EXISTS },
        ],
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.owner', 'relations'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const index = buildNamespaceOwnerIndex(items as Entity[], reports);
    this.owners = { at, signature, index };
    return index;
  }
}
