import type { OverviewRow } from '@netpol/plugin-netpol-compliance-common';
import type { NetpolComplianceApi, OverviewRequest } from '../../api';

const EXPORT_PAGE_SIZE = 200;
/** A stop for a server that ignores offset; far above any real fleet. */
const MAX_PAGES = 1_000;

/** A CSV cell: quoted when needed; formula-looking text is defused. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per namespace; per control its outcome and reason. */
export function toCsv(
  rows: OverviewRow[],
  controlIds: readonly string[],
): string {
  const header = [
    'cluster',
    'namespace',
    'owners',
    'entities',
    'exempt',
    ...controlIds.flatMap(id => [`${id} status`, `${id} reason`]),
  ];
  const lines = rows.map(row => {
    const byControl = new Map(row.results.map(r => [r.control as string, r]));
    return [
      row.cluster,
      row.namespace,
      row.owners.join(' '),
      row.entities.join(' '),
      row.exemption?.reason,
      ...controlIds.flatMap(id => [
        byControl.get(id)?.status,
        byControl.get(id)?.reason,
      ]),
    ]
      .map(csvCell)
      .join(',');
  });
  return `${[header.map(csvCell).join(','), ...lines].join('\r\n')}\r\n`;
}

/** Every row of the filtered set, page by page. */
export async function fetchAllRows(
  api: NetpolComplianceApi,
  filters: OverviewRequest,
): Promise<OverviewRow[]> {
  const rows: OverviewRow[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await api.getOverview({
      ...filters,
      offset: rows.length,
      limit: EXPORT_PAGE_SIZE,
    });
    rows.push(...response.rows);
    if (response.rows.length === 0 || rows.length >= response.total) break;
  }
  return rows;
}

/** Hands a text file to the browser as a download. */
export function downloadText(
  filename: string,
  text: string,
  type = 'text/csv;charset=utf-8',
) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
