import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ControlDefinition,
  EntityComplianceResponse,
  HistoryResponse,
  OverviewQuery,
  OverviewResponse,
} from '@netpol/plugin-netpol-compliance-common';

/**
 * A control as served by `GET /controls`: the catalogue entry plus where the
 * organisation documents it, when configured.
 *
 * @public
 */
export interface ControlDocumentation extends ControlDefinition {
  /** The organisation's own page for this control, when configured. */
  docsUrl?: string;
}

/** Sort keys for the overview. @public */
export type OverviewSortField = 'cluster' | 'namespace' | 'owner' | 'status';

/**
 * Query of the overview as the frontend sends it: the common query plus
 * sorting.
 *
 * @public
 */
export interface OverviewRequest extends OverviewQuery {
  sort?: OverviewSortField;
  order?: 'asc' | 'desc';
}

/**
 * Client of the netpol-compliance backend.
 *
 * @public
 */
export interface NetpolComplianceApi {
  /** The compliance of the namespaces an entity maps to, per cluster. */
  getEntityCompliance(
    entityRef: CompoundEntityRef,
  ): Promise<EntityComplianceResponse>;
  /**
   * The same, scanning now the clusters that need the user's own token,
   * with the given `Backstage-Kubernetes-Authorization-*` headers.
   */
  scanEntityWithUserToken(
    entityRef: CompoundEntityRef,
    kubernetesAuthHeaders: Record<string, string>,
  ): Promise<EntityComplianceResponse>;
  /** All clusters and namespaces, filtered and paged on the server. */
  getOverview(request?: OverviewRequest): Promise<OverviewResponse>;
  /** Per-day counts per control. */
  getHistory(options?: { days?: number }): Promise<HistoryResponse>;
  /** The control catalogue with the organisation's docs links. */
  getControls(): Promise<ControlDocumentation[]>;
  /** Asks for a scan now, of one cluster or of all. */
  requestScan(options?: { cluster?: string }): Promise<void>;
}

/**
 * Reference to the {@link NetpolComplianceApi}.
 *
 * @public
 */
export const netpolComplianceApiRef = createApiRef<NetpolComplianceApi>().with({
  id: 'plugin.netpol-compliance.service',
  pluginId: 'netpol-compliance',
});
