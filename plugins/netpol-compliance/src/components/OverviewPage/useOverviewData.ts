import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { NetpolComplianceApi, OverviewRequest } from '../../api';
import { writeRequest } from './filters';

/**
 * The overview page for `request`, reloaded when the request changes, and
 * the last `historyDays` days of history, loaded once and side by side with
 * it.
 */
export function useOverviewData(
  api: NetpolComplianceApi,
  request: OverviewRequest,
  historyDays: number,
) {
  // The request is a new object each render; its URL form says when it
  // really changed.
  const key = writeRequest(request).toString();
  const overview = useAsyncRetry(
    () => api.getOverview(request),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  const history = useAsync(
    () => api.getHistory({ days: historyDays }),
    [api, historyDays],
  );
  return { overview, history };
}
