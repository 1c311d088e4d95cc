import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import type { OverviewRow } from '@netpol/plugin-netpol-compliance-common';
import type {
  ControlDocumentation,
  OverviewRequest,
  OverviewSortField,
} from '../../api';
import { ControlStatus } from '../ControlStatus';
import { useEntityPathFunc } from '../../hooks/useEntityPath';
import { compareSeverity, shortLabel, worstOf } from '../../utils/status';
import { PAGE_SIZES } from './filters';

function compareRows(field: OverviewSortField) {
  return (a: OverviewRow, b: OverviewRow): number => {
    switch (field) {
      case 'cluster':
        return (
          a.cluster.localeCompare(b.cluster) ||
          a.namespace.localeCompare(b.namespace)
        );
      case 'namespace':
        return (
          a.namespace.localeCompare(b.namespace) ||
          a.cluster.localeCompare(b.cluster)
        );
      case 'owner':
        return (a.owners[0] ?? '\uffff').localeCompare(b.owners[0] ?? '\uffff');
      case 'status':
        return compareSeverity(worstOf(a.results), worstOf(b.results));
      default:
        return 0;
    }
  };
}

/**
 * Orders a page the way the server was asked to, so the page reads right
 * even before (or without) server-side sorting.
 */
export function sortPage(
  rows: OverviewRow[],
  request: OverviewRequest,
): OverviewRow[] {
  if (!request.sort) return rows;
  const compare = compareRows(request.sort);
  const sign = request.order === 'desc' ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => sign * compare(a.row, b.row) || a.index - b.index)
    .map(x => x.row);
}

function SortableHeader(props: {
  field: OverviewSortField;
  label: string;
  request: OverviewRequest;
  onSort: (field: OverviewSortField, order: 'asc' | 'desc') => void;
}) {
  const { field, label, request, onSort } = props;
  const active = request.sort === field;
  const order = active ? request.order ?? 'asc' : 'asc';
  return (
    <TableCell sortDirection={active ? order : false}>
      <TableSortLabel
        active={active}
        direction={order}
        onClick={() =>
          onSort(field, active && order === 'asc' ? 'desc' : 'asc')
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
}

function NamespaceCell(props: { row: OverviewRow; tabPath: string }) {
  const { row, tabPath } = props;
  const entityPath = useEntityPathFunc();
  const [first, ...others] = row.entities;
  return (
    <>
      {first && entityPath ? (
        <Link to={`${entityPath(first)}/${tabPath}`}>
          <strong>{row.namespace}</strong>
        </Link>
      ) : (
        <strong>{row.namespace}</strong>
      )}
      {first ? (
        <Typography variant="caption" display="block">
          {[first, ...others].map((ref, i) => (
            <span key={ref}>
              {i > 0 && ', '}
              <EntityRefLink entityRef={ref} hideIcon />
            </span>
          ))}
        </Typography>
      ) : (
        <Typography variant="caption" display="block" color="textSecondary">
          No catalog entity maps here
        </Typography>
      )}
    </>
  );
}

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
  const {
    rows,
    total,
    request,
    controls,
    tabPath = 'netpol-compliance',
    onSort,
    onPage,
  } = props;
  const limit = request.limit ?? PAGE_SIZES[0];
  const offset = request.offset ?? 0;
  return (
    <>
      <Table size="small" aria-label="Namespaces">
        <TableHead>
          <TableRow>
            <SortableHeader
              field="cluster"
              label="Cluster"
              request={request}
              onSort={onSort}
            />
            <SortableHeader
              field="namespace"
              label="Namespace"
              request={request}
              onSort={onSort}
            />
            <SortableHeader
              field="owner"
              label="Owners"
              request={request}
              onSort={onSort}
            />
            <SortableHeader
              field="status"
              label="Overall"
              request={request}
              onSort={onSort}
            />
            {controls.map(c => (
              <TableCell key={c.id} title={c.title}>
                {shortLabel(c.id)}
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {c.id}
                </Typography>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={controls.length + 4}>
                <Typography variant="body2">
                  No namespaces match these filters.
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {sortPage(rows, request).map(row => (
            <TableRow key={`${row.cluster}/${row.namespace}`} hover>
              {/* Names first: they stay readable; outcome columns give way. */}
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {row.cluster}
              </TableCell>
              <TableCell style={{ minWidth: 150 }}>
                <NamespaceCell row={row} tabPath={tabPath} />
              </TableCell>
              <TableCell style={{ minWidth: 120 }}>
                {row.owners.length ? (
                  row.owners.map((owner, i) => (
                    <span key={owner}>
                      {i > 0 && ', '}
                      <EntityRefLink entityRef={owner} defaultKind="group" />
                    </span>
                  ))
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    No owner
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {row.exemption ? (
                  <span title={row.exemption.reason}>
                    <ControlStatus status="exempt" />
                  </span>
                ) : (
                  <ControlStatus status={worstOf(row.results)} />
                )}
              </TableCell>
              {controls.map(c => {
                const result = row.results.find(r => r.control === c.id);
                return (
                  <TableCell key={c.id} title={result?.reason}>
                    {result ? (
                      <ControlStatus status={result.status} />
                    ) : (
                      <Typography variant="body2" color="textSecondary">
                        —
                      </Typography>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={total}
        page={Math.min(
          Math.floor(offset / limit),
          Math.max(0, Math.ceil(total / limit) - 1),
        )}
        rowsPerPage={limit}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_e, page) => onPage(page * limit, limit)}
        onRowsPerPageChange={e => onPage(0, Number(e.target.value))}
      />
    </>
  );
}
