import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OverviewClusterSummary } from '@netpol/plugin-netpol-compliance-common';
import { ClusterHeaderCells } from '../ClustersTable';
import { VisuallyHidden } from '../VisuallyHidden';
import { ClusterSummaryRow } from './ClusterSummaryRow';

/** Per cluster: last scan, enforcer, and namespaces by their worst outcome. */
export function ClusterSummary(props: {
  clusters: OverviewClusterSummary[];
  onSelect: (cluster: string) => void;
  /** Without it (the user may not scan), no Rescan button is shown. */
  onRescan?: (cluster: string) => void;
  scanning: Set<string>;
}) {
  const { clusters, onSelect, onRescan, scanning } = props;
  if (clusters.length === 0) {
    return (
      <Typography variant="body2">
        No cluster has been scanned yet. Check the kubernetes configuration
        (clusterLocatorMethods){onRescan ? ', then rescan' : ''}.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Clusters">
      <TableHead>
        <TableRow>
          <ClusterHeaderCells />
          <TableCell>Namespaces by worst outcome</TableCell>
          {onRescan && (
            <TableCell>
              <VisuallyHidden>Actions</VisuallyHidden>
            </TableCell>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(c => (
          <ClusterSummaryRow
            key={c.cluster.name}
            summary={c}
            onSelect={onSelect}
            onRescan={onRescan}
            scanning={scanning.has(c.cluster.name)}
          />
        ))}
      </TableBody>
    </Table>
  );
}
