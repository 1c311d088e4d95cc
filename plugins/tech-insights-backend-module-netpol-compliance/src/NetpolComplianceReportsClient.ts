import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  EntityComplianceResponse,
  OverviewClusterSummary,
  OverviewResponse,
  OverviewRow,
} from '@netpol/plugin-netpol-compliance-common';

/** The overview's largest page (the backend's OVERVIEW_MAX_LIMIT). */
const PAGE_SIZE = 1000;

/**
 * Reads the netpol-compliance backend's stored results through its REST API
 * with a plugin token: no cluster is read for the facts.
 */
export class NetpolComplianceReportsClient {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {}

  /**
   * Every namespace row, sorted by cluster and namespace, and the cluster
   * summaries. A scan landing between two pages can shift the rows by a
   * few: a row seen twice is kept once.
   */
  async readAll(): Promise<{ rows: OverviewRow[]; clusters: OverviewClusterSummary[] }> {
    const rows = new Map<string, OverviewRow>();
    let clusters: OverviewClusterSummary[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.page(offset);
      if (offset === 0) clusters = page.summary.byCluster;
      for (const row of page.rows) rows.set(`${row.cluster}/${row.namespace}`, row);
      if (page.rows.length < PAGE_SIZE || offset + page.rows.length >= page.total) break;
    }
    return { rows: [...rows.values()], clusters };
  }

  /**
   * The entity's stored view, as its tab reads it (GET /entity/...): its
   * namespace reports on every cluster, with the connections the catalog
   * declares for it.
   */
  async readEntity(entityRef: string): Promise<EntityComplianceResponse> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.get<EntityComplianceResponse>(`/entity/${path}`);
  }

  private async page(offset: number): Promise<OverviewResponse> {
    const query = new URLSearchParams({
      sort: 'cluster',
      order: 'asc',
      offset: String(offset),
      limit: String(PAGE_SIZE),
    });
    return this.get<OverviewResponse>(`/overview?${query}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discovery.getBaseUrl('netpol-compliance');
    // A fresh token per request: they are short-lived.
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'netpol-compliance',
    });
    const response = await (this.deps.fetch ?? fetch)(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
