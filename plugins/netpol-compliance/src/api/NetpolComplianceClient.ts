import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  EntityComplianceResponse,
  HistoryResponse,
  OverviewResponse,
} from '@netpol/plugin-netpol-compliance-common';
import type {
  ControlDocumentation,
  NetpolComplianceApi,
  OverviewRequest,
} from './NetpolComplianceApi';

/** The backend plugin id, used for discovery. @public */
export const NETPOL_COMPLIANCE_PLUGIN_ID = 'netpol-compliance';

/**
 * The default {@link NetpolComplianceApi}: talks to the backend plugin through
 * discovery, with the user's Backstage credentials from `fetchApi`.
 *
 * @public
 */
export class NetpolComplianceClient implements NetpolComplianceApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityCompliance(
    entityRef: CompoundEntityRef,
  ): Promise<EntityComplianceResponse> {
    const path = [entityRef.kind, entityRef.namespace, entityRef.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    return this.get(`/entity/${path}`);
  }

  async scanEntityWithUserToken(
    entityRef: CompoundEntityRef,
    kubernetesAuthHeaders: Record<string, string>,
  ): Promise<EntityComplianceResponse> {
    const path = [entityRef.kind, entityRef.namespace, entityRef.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    const response = await this.request(`/entity/${path}/scan`, {
      method: 'POST',
      headers: kubernetesAuthHeaders,
    });
    return (await response.json()) as EntityComplianceResponse;
  }

  async getOverview(request: OverviewRequest = {}): Promise<OverviewResponse> {
    return this.get(`/overview${toQueryString({ ...request })}`);
  }

  async getHistory(options: { days?: number } = {}): Promise<HistoryResponse> {
    return this.get(`/history${toQueryString({ days: options.days })}`);
  }

  async getControls(): Promise<ControlDocumentation[]> {
    return this.get('/controls');
  }

  async requestScan(options: { cluster?: string } = {}): Promise<void> {
    const body = options.cluster ? { cluster: options.cluster } : {};
    await this.request('/scan', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.request(path);
    return (await response.json()) as T;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      NETPOL_COMPLIANCE_PLUGIN_ID,
    );
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** `?a=1&b=x` from the defined, non-empty values; `''` when there are none. */
export function toQueryString(
  params: Record<string, string | number | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
