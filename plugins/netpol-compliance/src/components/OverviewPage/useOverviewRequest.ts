import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { OverviewRequest } from '../../api';
import { readRequest, writeRequest } from './filters';

/**
 * The overview's request, read from and written to the URL. A change of
 * filter or sort starts again at the first page; a page change keeps the
 * filters (`resetPage` false).
 */
export function useOverviewRequest() {
  const [params, setParams] = useSearchParams();
  const request = readRequest(params);
  const update = useCallback(
    (patch: Partial<OverviewRequest>, resetPage = true) => {
      setParams(
        previous =>
          writeRequest({
            ...readRequest(previous),
            ...(resetPage ? { offset: 0 } : {}),
            ...patch,
          }),
        { replace: true },
      );
    },
    [setParams],
  );
  return { request, update };
}
