import { useApi } from '@backstage/core-plugin-api';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import type { EntityComplianceResponse } from '@netpol/plugin-netpol-compliance-common';
import { netpolComplianceApiRef } from '../../api';
import { useRunbookUrl } from '../../hooks/useRunbookUrl';
import { Connections } from '../Connections';
import { ClusterErrors } from './ClusterErrors';
import { ClustersCard } from './ClustersCard';
import { NamespacesCard } from './NamespacesCard';
import { summarize } from './summary';
import { SummaryCard } from './SummaryCard';
import { useRescan } from './useRescan';
import { useUserTokenScan } from './useUserTokenScan';
import { UserTokenScanPanel } from './UserTokenScanPanel';

/** A mapped entity's compliance: summary, clusters, namespaces, connections. */
export function ComplianceView(props: {
  entity: Entity;
  view: EntityComplianceResponse;
  reload: () => void;
}) {
  const { entity, reload } = props;
  const api = useApi(netpolComplianceApiRef);
  const runbookUrl = useRunbookUrl(entity);
  const userTokenScan = useUserTokenScan({
    api,
    entityRef: getCompoundEntityRef(entity),
    clusters: props.view.clusters,
  });
  // An on-demand scan with the user's token replaces the stored view for them.
  const view = userTokenScan.result ?? props.view;
  const { state, rescan } = useRescan({ api, view, reload });
  const summary = summarize(view);
  const errored = view.clusters.filter(c => c.state === 'error');

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SummaryCard
          summary={summary}
          mapping={view.mapping}
          rescanState={state}
          onRescan={rescan}
        />
      </Grid>
      <UserTokenScanPanel scan={userTokenScan} />
      <ClusterErrors errored={errored} />
      <Grid item xs={12}>
        <ClustersCard clusters={view.clusters} runbookUrl={runbookUrl} />
      </Grid>
      <Grid item xs={12}>
        <NamespacesCard
          rows={summary.rows}
          mapping={view.mapping}
          anyClusterErrored={errored.length > 0}
          runbookUrl={runbookUrl}
        />
      </Grid>
      <Grid item xs={12}>
        <Connections entityRef={view.entityRef} clusters={view.clusters} />
      </Grid>
    </Grid>
  );
}
