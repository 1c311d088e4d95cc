import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { netpolComplianceApiRef, OverviewRequest } from '../../api';
import { useControls } from '../../hooks/useControls';
import { ScanPermission } from '../ScanPermission';
import { TrendChart } from '../TrendChart';
import { ClusterSummary } from './ClusterSummary';
import { FleetFreshnessLine } from './FleetFreshnessLine';
import { ControlSummary } from './ControlSummary';
import { downloadText, fetchAllRows, toCsv } from './csv';
import { filtersOf, readRequest, writeRequest } from './filters';
import { historySeries } from './history';
import { NamespacesTable } from './NamespacesTable';
import { BusyButton } from '../BusyButton';
import { OverviewFilters } from './OverviewFilters';

const HISTORY_DAYS = 30;

function useOverviewRequest() {
  const [params, setParams] = useSearchParams();
  const request = readRequest(params);
  const update = useCallback(
    (patch: Partial<OverviewRequest>, resetPage = true) => {
      setParams(
        previous =>
          writeRequest({
            ...readRequest(previous),
            ...(resetPage ? { offset: 0 } : {}),
            ...patch,
          }),
        { replace: true },
      );
    },
    [setParams],
  );
  return { request, update };
}

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
  const key = writeRequest(request).toString();
  const overview = useAsyncRetry(
    () => api.getOverview(request),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  const history = useAsync(() => api.getHistory({ days: HISTORY_DAYS }), [api]);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error>();
  const [scanning, setScanning] = useState<Set<string>>(new Set());
  const [scanMessage, setScanMessage] = useState<string>();

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const rows = await fetchAllRows(api, filtersOf(request));
      const csv = toCsv(
        rows,
        controls.map(c => c.id),
      );
      const day = new Date().toISOString().slice(0, 10);
      downloadText(`netpol-compliance-${day}.csv`, csv);
    } catch (e) {
      setExportError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  const rescan = async (cluster?: string) => {
    const id = cluster ?? '*';
    setScanning(previous => new Set(previous).add(id));
    try {
      await api.requestScan(cluster ? { cluster } : {});
      setScanMessage(
        `Scan of ${
          cluster ?? 'all clusters'
        } requested. Reload in a minute for the results.`,
      );
    } catch (e) {
      setScanMessage(`Rescan failed: ${(e as Error).message}`);
      setScanning(previous => {
        const next = new Set(previous);
        next.delete(id);
        return next;
      });
    }
  };

  const response = overview.value;
  const { labels, series } = historySeries(history.value, HISTORY_DAYS);

  return (
    <Content>
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="center"
        mb={2}
        style={{ gap: 16 }}
      >
        <Typography variant="body1">
          Whether every namespace is isolated by network policies, per control.
          Select a count to list those namespaces.
        </Typography>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography variant="caption" role="status">
            {scanMessage}
          </Typography>
          <ScanPermission>
            {canScan =>
              canScan && (
                <Button
                  variant="outlined"
                  startIcon={<RefreshIcon />}
                  disabled={scanning.has('*')}
                  onClick={() => rescan()}
                >
                  Rescan all
                </Button>
              )
            }
          </ScanPermission>
        </Box>
      </Box>
      {overview.error && !response && (
        <Box mb={2}>
          <ResponseErrorPanel
            error={overview.error}
            title="Could not load the overview"
          />
          <Box mt={1}>
            <Button variant="outlined" onClick={overview.retry}>
              Retry
            </Button>
          </Box>
        </Box>
      )}
      {!response && overview.loading && <Progress />}
      {response && (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InfoCard
              title="Controls"
              subheader="Namespaces per outcome (clusters for NETPOL-002)"
            >
              <ControlSummary
                controls={controls}
                byControl={response.summary.byControl}
                onSelect={(control, status) => update({ control, status })}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} xl={7}>
            <InfoCard title="Clusters">
              <FleetFreshnessLine fleet={response.summary.fleet} />
              <ScanPermission>
                {canScan => (
                  <ClusterSummary
                    clusters={response.summary.byCluster}
                    onSelect={cluster => update({ cluster })}
                    onRescan={canScan ? cluster => rescan(cluster) : undefined}
                    scanning={scanning}
                  />
                )}
              </ScanPermission>
            </InfoCard>
          </Grid>
          <Grid item xs={12} xl={5}>
            <InfoCard
              title={`Trend, last ${HISTORY_DAYS} days`}
              subheader="Namespaces failing or warning, per control"
            >
              {history.loading && <Progress />}
              {history.error && (
                <Typography variant="body2" color="textSecondary">
                  The trend could not be loaded: {history.error.message}
                </Typography>
              )}
              {history.value && (
                <TrendChart
                  title="Namespaces failing or warning per control"
                  yLabel="Namespaces failing or warning"
                  labels={labels}
                  series={series}
                />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title="Namespaces"
              subheader={`${response.total} ${
                response.total === 1 ? 'namespace matches' : 'namespaces match'
              }`}
              action={
                <Box
                  display="flex"
                  alignItems="center"
                  style={{ gap: 8 }}
                  mt={1}
                  mr={1}
                >
                  {exportError && (
                    <Typography variant="caption" color="error" role="alert">
                      Export failed: {exportError.message}
                    </Typography>
                  )}
                  <BusyButton
                    label="Export CSV"
                    busyLabel="Exporting…"
                    busy={exporting}
                    icon={<GetAppIcon />}
                    onClick={exportCsv}
                  />
                </Box>
              }
            >
              <OverviewFilters
                request={request}
                clusters={response.summary.byCluster.map(c => c.cluster.name)}
                controls={controls}
                onChange={patch => update(patch)}
              />
              {overview.error && (
                <Box mt={2}>
                  <ResponseErrorPanel
                    error={overview.error}
                    title="Could not apply the filters"
                  />
                </Box>
              )}
              <Box mt={2} overflow="auto" aria-busy={overview.loading}>
                <NamespacesTable
                  rows={response.rows}
                  total={response.total}
                  request={request}
                  controls={controls}
                  onSort={(sort, order) => update({ sort, order })}
                  onPage={(offset, limit) => update({ offset, limit }, false)}
                />
              </Box>
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </Content>
  );
}
