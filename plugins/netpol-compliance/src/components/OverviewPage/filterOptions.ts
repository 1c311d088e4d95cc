import type { ControlDocumentation, OverviewRequest } from '../../api';
import { STATUS_LABELS, STATUSES, shortLabel } from '../../utils/status';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * The clusters to choose from; a cluster named in the URL stays selectable
 * even when no row of this page is in it.
 */
export function clusterOptions(
  clusters: readonly string[],
  selected: string | undefined,
): FilterOption[] {
  return [...new Set([...clusters, ...(selected ? [selected] : [])])].map(
    c => ({ value: c, label: c }),
  );
}

export function controlOptions(
  controls: readonly ControlDocumentation[],
): FilterOption[] {
  return controls.map(c => ({
    value: c.id,
    label: `${c.id} ${shortLabel(c.id)}`,
  }));
}

export const STATUS_OPTIONS: FilterOption[] = STATUSES.map(s => ({
  value: s,
  label: STATUS_LABELS[s],
}));

/** Every filter unset; sorting and page size are kept. */
export const NO_FILTERS: Partial<OverviewRequest> = {
  cluster: undefined,
  control: undefined,
  status: undefined,
  owner: undefined,
  q: undefined,
};

export function hasFilter(request: OverviewRequest): boolean {
  return Boolean(
    request.cluster ||
      request.control ||
      request.status ||
      request.owner ||
      request.q,
  );
}
