import TableCell from '@material-ui/core/TableCell';
import Typography from '@material-ui/core/Typography';
import type { OverviewClusterSummary } from '@netpol/plugin-netpol-compliance-common';
import { ENFORCER_CONTROL } from '../ClustersTable';
import { ControlStatus } from '../ControlStatus';
import { clusterErrorHint } from '../NamespaceTable/hints';

/**
 * Whether the cluster enforces network policies; for a cluster that could
 * not be scanned, the error and what to check instead.
 */
export function ClusterEnforcerCell(props: {
  summary: OverviewClusterSummary;
}) {
  const { summary } = props;
  const enforcer = summary.results.find(r => r.control === ENFORCER_CONTROL);
  return (
    <TableCell style={{ minWidth: 220 }}>
      {summary.error ? (
        <>
          <ControlStatus status="unknown" label="Not scanned" />
          <Typography variant="caption" display="block">
            {summary.error}
          </Typography>
          <Typography variant="caption" display="block" color="textSecondary">
            {clusterErrorHint(summary.cluster.name)}
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
  );
}
