import { useState } from 'react';
import type { NetpolComplianceApi } from '../../api';

/** `'*'` in `scanning`: a scan of every cluster was requested. */
const ALL_CLUSTERS = '*';

/**
 * Rescan requests from the overview, of one cluster or all. A requested
 * scan stays marked until the page reloads (the results come later); a
 * failed request is unmarked so it can be tried again.
 */
export function useClusterRescan(api: NetpolComplianceApi) {
  const [scanning, setScanning] = useState<Set<string>>(new Set());
  const [scanMessage, setScanMessage] = useState<string>();

  const rescan = async (cluster?: string) => {
    const id = cluster ?? ALL_CLUSTERS;
    setScanning(previous => new Set(previous).add(id));
    try {
      await api.requestScan(cluster ? { cluster } : {});
      setScanMessage(
        `Scan of ${
          cluster ?? 'all clusters'
        } requested. Reload in a minute for the results.`,
      );
    } catch (e) {
      setScanMessage(`Rescan failed: ${(e as Error).message}`);
      setScanning(previous => {
        const next = new Set(previous);
        next.delete(id);
        return next;
      });
    }
  };

  return {
    scanning,
    scanningAll: scanning.has(ALL_CLUSTERS),
    scanMessage,
    rescan,
  };
}
