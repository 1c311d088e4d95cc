import { useState } from 'react';
import type { NetpolComplianceApi, OverviewRequest } from '../../api';
import { downloadText, fetchAllRows, toCsv } from './csv';
import { filtersOf } from './filters';

/** The CSV export of every namespace the filters match, not only this page. */
export function useCsvExport(
  api: NetpolComplianceApi,
  request: OverviewRequest,
  controlIds: readonly string[],
) {
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error>();

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const rows = await fetchAllRows(api, filtersOf(request));
      const csv = toCsv(rows, controlIds);
      const day = new Date().toISOString().slice(0, 10);
      downloadText(`netpol-compliance-${day}.csv`, csv);
    } catch (e) {
      setExportError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  return { exporting, exportError, exportCsv };
}
