import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { ClusterHeaderCells } from './ClusterHeaderCells';
import { ClusterRow } from './ClusterRow';

/**
 * The clusters the entity runs in: when each was scanned, and whether it
 * enforces NetworkPolicy at all (NETPOL-002). Without an enforcer every
 * policy is ignored, so this comes first.
 */
export function ClustersTable(props: {
  clusters: EntityClusterView[];
  runbookUrl?: string;
}) {
  const { clusters, runbookUrl } = props;
  return (
    <Table size="small" aria-label="Clusters">
      <TableHead>
        <TableRow>
          <ClusterHeaderCells />
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(view => (
          <ClusterRow
            key={view.cluster.name}
            view={view}
            runbookUrl={runbookUrl}
          />
        ))}
      </TableBody>
    </Table>
  );
}
