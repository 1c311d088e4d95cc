import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { OverviewClusterSummary } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { clusterErrorHint } from '../NamespaceTable/hints';
import { STATUSES } from '../../utils/status';
import { ClusterHeaderCells, ENFORCER_CONTROL } from '../ClustersTable';
import { VisuallyHidden } from '../VisuallyHidden';
import { formatAge, formatTimestamp } from '../../utils/time';

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
        {clusters.map(c => {
          const enforcer = c.results.find(r => r.control === ENFORCER_CONTROL);
          const name = c.cluster.name;
          return (
            <TableRow key={name}>
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
              <TableCell style={{ minWidth: 220 }}>
                {c.error ? (
                  <>
                    <ControlStatus status="unknown" label="Not scanned" />
                    <Typography variant="caption" display="block">
                      {c.error}
                    </Typography>
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      {clusterErrorHint(name)}
                    </Typography>
                  </>
                ) : (
                  <>
                    <ControlStatus status={enforcer?.status ?? 'unknown'} />
                    {enforcer && (
                      <Typography variant="caption" display="block">
                        {enforcer.reason}
                      </Typography>
                    )}
                  </>
                )}
              </TableCell>
              <TableCell>
                {STATUSES.filter(s => c.counts[s]).map(s => (
                  <ControlStatus
                    key={s}
                    status={s}
                    label={`${c.counts[s]} ${s}`}
                  />
                ))}
              </TableCell>
              {onRescan && (
                <TableCell>
                  <Button
                    size="small"
                    variant="outlined"
                    disabled={scanning.has(name)}
                    onClick={() => onRescan(name)}
                    aria-label={`Rescan ${name}`}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {scanning.has(name) ? 'Requested' : 'Rescan'}
                  </Button>
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
