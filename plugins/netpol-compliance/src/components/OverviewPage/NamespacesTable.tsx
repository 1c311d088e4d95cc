import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OverviewRow } from '@netpol/plugin-netpol-compliance-common';
import type {
  ControlDocumentation,
  OverviewRequest,
  OverviewSortField,
} from '../../api';
import { PAGE_SIZES } from './filters';
import { NamespaceRow } from './NamespaceRow';
import { columnCount, NamespacesHeader } from './NamespacesHeader';
import { pageIndex, sortPage } from './sortPage';

/** All namespaces, a page at a time, with their outcome per control. */
export function NamespacesTable(props: {
  rows: OverviewRow[];
  total: number;
  request: OverviewRequest;
  controls: ControlDocumentation[];
  tabPath?: string;
  onSort: (field: OverviewSortField, order: 'asc' | 'desc') => void;
  onPage: (offset: number, limit: number) => void;
}) {
  const { rows, total, request, controls, onSort, onPage } = props;
  const tabPath = props.tabPath ?? 'netpol-compliance';
  const limit = request.limit ?? PAGE_SIZES[0];
  const offset = request.offset ?? 0;
  return (
    <>
      <Table size="small" aria-label="Namespaces">
        <NamespacesHeader
          request={request}
          controls={controls}
          onSort={onSort}
        />
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columnCount(controls)}>
                <Typography variant="body2">
                  No namespaces match these filters.
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {sortPage(rows, request).map(row => (
            <NamespaceRow
              key={`${row.cluster}/${row.namespace}`}
              row={row}
              controls={controls}
              tabPath={tabPath}
            />
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={total}
        page={pageIndex(offset, limit, total)}
        rowsPerPage={limit}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_e, page) => onPage(page * limit, limit)}
        onRowsPerPageChange={e => onPage(0, Number(e.target.value))}
      />
    </>
  );
}
