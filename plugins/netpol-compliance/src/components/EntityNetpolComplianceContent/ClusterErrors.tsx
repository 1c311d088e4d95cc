import { WarningPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { clusterErrorHint } from '../NamespaceTable';

/** A warning per cluster that could not be scanned, with what to check. */
export function ClusterErrors(props: { errored: EntityClusterView[] }) {
  return (
    <>
      {props.errored.map(cluster => (
        <Grid item xs={12} key={cluster.cluster.name}>
          <WarningPanel
            defaultExpanded
            title={`Cluster ${
              cluster.cluster.title ?? cluster.cluster.name
            } could not be scanned`}
            message={clusterErrorHint(cluster.cluster.name)}
          >
            <Typography variant="body2">
              {cluster.error ?? 'There is no report for this cluster yet.'}
            </Typography>
          </WarningPanel>
        </Grid>
      ))}
    </>
  );
}
