import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { netpolComplianceApiRef } from '../../api';
import { useControls } from '../../hooks/useControls';
import { ClustersCard } from './ClustersCard';
import { ControlsCard } from './ControlsCard';
import { ExportAction } from './ExportAction';
import { NamespacesCard } from './NamespacesCard';
import { OverviewHeader } from './OverviewHeader';
import { OverviewLoadError } from './OverviewLoadError';
import { TrendCard } from './TrendCard';
import { useClusterRescan } from './useClusterRescan';
import { useCsvExport } from './useCsvExport';
import { useOverviewData } from './useOverviewData';
import { useOverviewRequest } from './useOverviewRequest';

const HISTORY_DAYS = 30;

/**
 * The platform team's view: every cluster and namespace, per control, with
 * filters, paging, a trend and a CSV export.
 *
 * @public
 */
export function NetpolComplianceOverview() {
  const api = useApi(netpolComplianceApiRef);
  // The overview counts clusters and namespaces; an entity-scoped control
  // (NETPOL-007, declared connections) is answered on the entity's tab.
  const controls = useControls().controls.filter(c => c.scope !== 'entity');
  const { request, update } = useOverviewRequest();
  const { overview, history } = useOverviewData(api, request, HISTORY_DAYS);
  const controlIds = controls.map(c => c.id);
  const csv = useCsvExport(api, request, controlIds);
  const scans = useClusterRescan(api);
  const response = overview.value;

  return (
    <Content>
      <OverviewHeader
        scanMessage={scans.scanMessage}
        scanningAll={scans.scanningAll}
        onRescanAll={() => scans.rescan()}
      />
      {overview.error && !response && (
        <OverviewLoadError error={overview.error} onRetry={overview.retry} />
      )}
      {!response && overview.loading && <Progress />}
      {response && (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ControlsCard
              controls={controls}
              byControl={response.summary.byControl}
              onSelect={(control, status) => update({ control, status })}
            />
          </Grid>
          <Grid item xs={12} xl={7}>
            <ClustersCard
              summary={response.summary}
              scanning={scans.scanning}
              onSelect={cluster => update({ cluster })}
              onRescan={cluster => scans.rescan(cluster)}
            />
          </Grid>
          <Grid item xs={12} xl={5}>
            <TrendCard days={HISTORY_DAYS} history={history} />
          </Grid>
          <Grid item xs={12}>
            <NamespacesCard
              response={response}
              request={request}
              controls={controls}
              loading={overview.loading}
              error={overview.error}
              action={<ExportAction {...csv} />}
              onChange={update}
            />
          </Grid>
        </Grid>
      )}
    </Content>
  );
}
