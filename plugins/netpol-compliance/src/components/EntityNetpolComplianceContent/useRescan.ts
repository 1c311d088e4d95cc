import { useCallback, useEffect, useState } from 'react';
import type { EntityComplianceResponse } from '@netpol/plugin-netpol-compliance-common';
import type { NetpolComplianceApi } from '../../api';

export interface RescanState {
  /** When the scan was asked for; set until newer results arrive. */
  requestedAt?: number;
  requesting: boolean;
  error?: Error;
  finished: boolean;
}

const POLL_MS = 5_000;
const GIVE_UP_MS = 3 * 60_000;

/**
 * Asks for a scan of the entity's clusters, then reloads every few seconds
 * until a newer scan shows up (or it gives up).
 */
export function useRescan(options: {
  api: NetpolComplianceApi;
  view: EntityComplianceResponse | undefined;
  reload: () => void;
}) {
  const { api, view, reload } = options;
  const [state, setState] = useState<RescanState>({
    requesting: false,
    finished: false,
  });

  const clusters = view?.mapping.clusters;
  const rescan = useCallback(async () => {
    setState({ requesting: true, finished: false });
    try {
      if (clusters?.length) {
        await Promise.all(
          clusters.map(cluster => api.requestScan({ cluster })),
        );
      } else {
        await api.requestScan();
      }
      setState({ requesting: false, finished: false, requestedAt: Date.now() });
    } catch (e) {
      setState({ requesting: false, finished: false, error: e as Error });
    }
  }, [api, clusters]);

  const requestedAt = state.requestedAt;
  useEffect(() => {
    if (!requestedAt || !view) return undefined;
    const newer = view.clusters.some(
      c => c.scannedAt && Date.parse(c.scannedAt) >= requestedAt - 1_000,
    );
    if (newer) {
      setState({ requesting: false, finished: true });
      return undefined;
    }
    if (Date.now() - requestedAt > GIVE_UP_MS) {
      setState({ requesting: false, finished: false });
      return undefined;
    }
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [requestedAt, view, reload]);

  return { state, rescan };
}
