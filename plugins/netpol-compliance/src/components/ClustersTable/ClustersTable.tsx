import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { ResultEvidence } from '../Evidence';
import { FixLinks } from '../FixLinks';
import { clusterErrorHint, UNKNOWN_HINT } from '../NamespaceTable/hints';
import { formatAge, formatTimestamp } from '../../utils/time';
import { needsAction } from '../../utils/status';

import { ClusterHeaderCells, ENFORCER_CONTROL } from './ClusterHeaderCells';

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
        {clusters.map(view => {
          const name = view.cluster.title ?? view.cluster.name;
          const enforcer = view.results.find(
            r => r.control === ENFORCER_CONTROL,
          );
          const age = formatAge(view.scannedAt);
          return (
            <TableRow key={view.cluster.name}>
              <TableCell>{name}</TableCell>
              <TableCell title={formatTimestamp(view.scannedAt)}>
                {age ?? 'never'}
              </TableCell>
              <TableCell>
                {view.state === 'error' ? (
                  <ControlStatus status="unknown" label="Not scanned" />
                ) : (
                  <ControlStatus status={enforcer?.status ?? 'unknown'} />
                )}
              </TableCell>
              <TableCell>
                {view.state === 'error' ? (
                  <>
                    <Typography variant="body2">
                      {view.error ?? 'No report for this cluster.'}
                    </Typography>
                    <Typography variant="body2" color="textSecondary">
                      {clusterErrorHint(view.cluster.name)}
                    </Typography>
                  </>
                ) : (
                  <>
                    <Typography variant="body2">
                      {enforcer?.reason ?? 'The enforcer was not checked.'}
                    </Typography>
                    <ResultEvidence evidence={enforcer?.evidence} />
                    {enforcer?.status === 'unknown' && (
                      <Typography variant="body2" color="textSecondary">
                        {UNKNOWN_HINT}
                      </Typography>
                    )}
                    {enforcer && needsAction(enforcer.status) && (
                      <>
                        <Typography variant="body2" color="textSecondary">
                          Your policies have no effect on this cluster until the
                          platform team enables enforcement.
                        </Typography>
                        <FixLinks
                          control={ENFORCER_CONTROL}
                          runbookUrl={runbookUrl}
                        />
                      </>
                    )}
                  </>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
