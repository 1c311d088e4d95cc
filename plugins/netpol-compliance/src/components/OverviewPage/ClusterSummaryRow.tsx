import Button from '@material-ui/core/Button';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { OverviewClusterSummary } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { STATUSES } from '../../utils/status';
import { formatAge, formatTimestamp } from '../../utils/time';
import { ClusterEnforcerCell } from './ClusterEnforcerCell';

/**
 * One cluster: its name (which filters the namespaces), last scan,
 * enforcer, namespaces by worst outcome, and Rescan when offered.
 */
export function ClusterSummaryRow(props: {
  summary: OverviewClusterSummary;
  onSelect: (cluster: string) => void;
  onRescan?: (cluster: string) => void;
  scanning: boolean;
}) {
  const { summary: c, onSelect, onRescan, scanning } = props;
  const name = c.cluster.name;
  return (
    <TableRow>
      <TableCell>
        <Button
          size="small"
          onClick={() => onSelect(name)}
          aria-label={`Filter by cluster ${name}`}
          style={{ textTransform: 'none', whiteSpace: 'nowrap' }}
        >
          {c.cluster.title ?? name}
        </Button>
      </TableCell>
      <TableCell
        title={formatTimestamp(c.scannedAt)}
        style={{ whiteSpace: 'nowrap' }}
      >
        {formatAge(c.scannedAt) ?? 'never'}
      </TableCell>
      <ClusterEnforcerCell summary={c} />
      <TableCell>
        {STATUSES.filter(s => c.counts[s]).map(s => (
          <ControlStatus key={s} status={s} label={`${c.counts[s]} ${s}`} />
        ))}
      </TableCell>
      {onRescan && (
        <TableCell>
          <Button
            size="small"
            variant="outlined"
            disabled={scanning}
            onClick={() => onRescan(name)}
            aria-label={`Rescan ${name}`}
            style={{ whiteSpace: 'nowrap' }}
          >
            {scanning ? 'Requested' : 'Rescan'}
          </Button>
        </TableCell>
      )}
    </TableRow>
  );
}
