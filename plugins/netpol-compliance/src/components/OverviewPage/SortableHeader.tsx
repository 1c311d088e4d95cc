import TableCell from '@material-ui/core/TableCell';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import type { OverviewRequest, OverviewSortField } from '../../api';

/** A column header that sorts by its field, ascending first, then reversed. */
export function SortableHeader(props: {
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
