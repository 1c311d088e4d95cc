import type { OverviewRequest, OverviewSortField } from '../../api';

export const PAGE_SIZES = [25, 50, 100];
export const DEFAULT_PAGE_SIZE = 25;
const SORT_FIELDS: OverviewSortField[] = [
  'cluster',
  'namespace',
  'owner',
  'status',
];

/** The overview's state lives in the URL, so a filtered view can be shared. */
export function readRequest(params: URLSearchParams): OverviewRequest {
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const int = (key: string, fallback: number) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  const limit = int('limit', DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE;
  const sort = text('sort') as OverviewSortField | undefined;
  const order = text('order');
  return {
    cluster: text('cluster'),
    control: text('control'),
    status: text('status'),
    owner: text('owner'),
    q: text('q'),
    offset: int('offset', 0),
    limit: Math.min(limit, 500),
    sort: sort && SORT_FIELDS.includes(sort) ? sort : undefined,
    order: order === 'desc' || order === 'asc' ? order : undefined,
  };
}

export function writeRequest(request: OverviewRequest): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || value === '') continue;
    if (key === 'offset' && value === 0) continue;
    if (key === 'limit' && value === DEFAULT_PAGE_SIZE) continue;
    params.set(key, String(value));
  }
  return params;
}

/** The filters only: what an export or a page change keeps. */
export function filtersOf(request: OverviewRequest): OverviewRequest {
  const { cluster, control, status, owner, q, sort, order } = request;
  return { cluster, control, status, owner, q, sort, order };
}
