import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { formatAge, formatTimestamp } from '../../utils/time';
import { ENFORCER_CONTROL } from './ClusterHeaderCells';
import { ClusterReason } from './ClusterReason';

/** One of the entity's clusters: last scan, enforcer outcome and reason. */
export function ClusterRow(props: {
  view: EntityClusterView;
  runbookUrl?: string;
}) {
  const { view, runbookUrl } = props;
  const enforcer = view.results.find(r => r.control === ENFORCER_CONTROL);
  return (
    <TableRow>
      <TableCell>{view.cluster.title ?? view.cluster.name}</TableCell>
      <TableCell title={formatTimestamp(view.scannedAt)}>
        {formatAge(view.scannedAt) ?? 'never'}
      </TableCell>
      <TableCell>
        {view.state === 'error' ? (
          <ControlStatus status="unknown" label="Not scanned" />
        ) : (
          <ControlStatus status={enforcer?.status ?? 'unknown'} />
        )}
      </TableCell>
      <TableCell>
        <ClusterReason
          view={view}
          enforcer={enforcer}
          runbookUrl={runbookUrl}
        />
      </TableCell>
    </TableRow>
  );
}
