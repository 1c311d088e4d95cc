import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ControlDocumentation,
  OverviewRequest,
  OverviewSortField,
} from '../../api';
import { shortLabel } from '../../utils/status';
import { SortableHeader } from './SortableHeader';

const SORTABLE: Array<{ field: OverviewSortField; label: string }> = [
  { field: 'cluster', label: 'Cluster' },
  { field: 'namespace', label: 'Namespace' },
  { field: 'owner', label: 'Owners' },
  { field: 'status', label: 'Overall' },
];

/** The sortable columns, then one column per control (not sortable). */
export function NamespacesHeader(props: {
  request: OverviewRequest;
  controls: ControlDocumentation[];
  onSort: (field: OverviewSortField, order: 'asc' | 'desc') => void;
}) {
  const { request, controls, onSort } = props;
  return (
    <TableHead>
      <TableRow>
        {SORTABLE.map(({ field, label }) => (
          <SortableHeader
            key={field}
            field={field}
            label={label}
            request={request}
            onSort={onSort}
          />
        ))}
        {controls.map(c => (
          <TableCell key={c.id} title={c.title}>
            {shortLabel(c.id)}
            <Typography variant="caption" display="block" color="textSecondary">
              {c.id}
            </Typography>
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}

/** How many columns the header has, for a row that spans them all. */
export function columnCount(controls: readonly ControlDocumentation[]): number {
  return SORTABLE.length + controls.length;
}
