import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { EntityComplianceResponse } from '@netpol/plugin-netpol-compliance-common';
import { netpolComplianceApiRef } from '../../api';
import { useRunbookUrl } from '../../hooks/useRunbookUrl';
import { isNetpolComplianceAvailable } from '../../utils/isNetpolComplianceAvailable';
import { ClustersTable } from '../ClustersTable';
import { Connections } from '../Connections';
import { ControlStatus } from '../ControlStatus';
import { NamespaceTable, clusterErrorHint } from '../NamespaceTable';
import { NotMappedState } from '../NotMappedState';
import { ScanPermission } from '../ScanPermission';
import { describeMapping, summarize } from './summary';
import { RescanState, useRescan } from './useRescan';
import { BusyButton } from '../BusyButton';
import { useUserTokenScan } from './useUserTokenScan';

function LoadError(props: { error: Error; onRetry: () => void }) {
  const { error, onRetry } = props;
  const retry = (
    <Button variant="outlined" startIcon={<RefreshIcon />} onClick={onRetry}>
      Retry
    </Button>
  );
  if (error instanceof ResponseError && error.statusCode === 403) {
    return (
      <WarningPanel
        severity="info"
        defaultExpanded
        title="You may not see Kubernetes data for this entity"
        message={`This tab shows the entity's namespaces, workloads and policies, which needs the Kubernetes plugin's read permissions. Ask your Backstage administrators for them. (${error.body.error.message})`}
      />
    );
  }
  if (error instanceof ResponseError && error.statusCode === 404) {
    return (
      <>
        <WarningPanel
          severity="info"
          defaultExpanded
          title="No network policy data for this entity"
          message="The netpol-compliance backend did not find this entity, or you are not allowed to see it. If it was registered a moment ago, wait for the catalog to process it and retry."
        />
        <Box mt={2}>{retry}</Box>
      </>
    );
  }
  return (
    <>
      <ResponseErrorPanel
        error={error}
        title="Could not load network policy compliance"
      />
      <Box mt={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        {retry}
        <Typography variant="body2" color="textSecondary">
          If this persists, check that the netpol-compliance backend plugin is
          installed and running.
        </Typography>
      </Box>
    </>
  );
}

function RescanButton(props: { state: RescanState; onClick: () => void }) {
  const { state, onClick } = props;
  const busy = state.requesting || !!state.requestedAt;
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      <BusyButton
        label="Rescan"
        busyLabel="Scanning…"
        busy={busy}
        icon={<RefreshIcon />}
        onClick={onClick}
      />
      <Typography variant="caption" role="status" color="textSecondary">
        {state.requestedAt &&
          'Scan requested; this page updates when it finishes.'}
        {state.finished && 'Scan finished; results updated.'}
      </Typography>
      {state.error && (
        <Typography variant="caption" color="error" role="alert">
          Rescan failed: {state.error.message}
        </Typography>
      )}
    </Box>
  );
}

function UserTokenScanPanel(props: { scan: ReturnType<typeof useUserTokenScan> }) {
  const { scan } = props;
  if (!scan.needed || scan.result) return null;
  return (
    <Grid item xs={12}>
      <WarningPanel
        severity="info"
        defaultExpanded
        title="Some clusters can only be read with your own credentials"
        message={
          scan.available
            ? 'These clusters sign in with your identity (OIDC, Google or AKS), so background scans cannot read them. Scan them now as you; the result is shown to you only and not stored.'
            : 'These clusters sign in with your identity (OIDC, Google or AKS). Add the Kubernetes frontend plugin to this app so its auth providers can supply your token, then scan them here.'
        }
      >
        {scan.available && (
          <BusyButton
            primary
            label="Scan with my credentials"
            busyLabel="Scanning…"
            busy={scan.scanning}
            onClick={scan.scan}
          />
        )}
        {scan.error && (
          <Typography variant="body2" color="error" role="alert">
            Scan failed: {scan.error.message}
          </Typography>
        )}
      </WarningPanel>
    </Grid>
  );
}

function ComplianceView(props: {
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
        <InfoCard>
          <Box
            display="flex"
            justifyContent="space-between"
            style={{ gap: 16 }}
          >
            <Box>
              <Typography variant="h5" component="h2">
                <ControlStatus
                  status={summary.status}
                  label={summary.headline}
                />
              </Typography>
              {summary.detail && (
                <Typography variant="body1">{summary.detail}</Typography>
              )}
              <Typography variant="body2" color="textSecondary">
                Checked: {describeMapping(view.mapping)}
              </Typography>
            </Box>
            <ScanPermission>
              {canScan =>
                canScan && <RescanButton state={state} onClick={rescan} />
              }
            </ScanPermission>
          </Box>
        </InfoCard>
      </Grid>
      <UserTokenScanPanel scan={userTokenScan} />
      {errored.map(cluster => (
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
      <Grid item xs={12}>
        <InfoCard
          title="Clusters"
          subheader="Policies only work where the cluster enforces them."
        >
          {view.clusters.length ? (
            <ClustersTable clusters={view.clusters} runbookUrl={runbookUrl} />
          ) : (
            <Typography variant="body2">
              No cluster has been scanned yet.
              <ScanPermission>
                {canScan => canScan && ' Rescan to scan now.'}
              </ScanPermission>
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Namespaces"
          subheader="One row per namespace this entity runs in. Select Fix or Details for the evidence."
        >
          {summary.rows.length > 0 && (
            <Box overflow="auto">
              <NamespaceTable rows={summary.rows} runbookUrl={runbookUrl} />
            </Box>
          )}
          {summary.rows.length === 0 && errored.length > 0 && (
            <Typography variant="body2">
              No namespace could be read: the clusters above could not be
              scanned. Their results show up here once a scan succeeds.
            </Typography>
          )}
          {summary.rows.length === 0 && errored.length === 0 && (
            <EmptyState
              missing="data"
              title="No namespaces found for this entity"
              description={
                view.mapping.namespaces?.length
                  ? `None of ${view.mapping.namespaces.join(
                      ', ',
                    )} exists in the scanned clusters.`
                  : `No running workload matches ${
                      view.mapping.labelSelector ?? 'the entity'
                    } in the scanned clusters. Check that your pods carry the label, or name the namespace with backstage.io/kubernetes-namespace.`
              }
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Connections entityRef={view.entityRef} clusters={view.clusters} />
      </Grid>
    </Grid>
  );
}

function EntityCompliance(props: { entity: Entity }) {
  const { entity } = props;
  const api = useApi(netpolComplianceApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityCompliance(getCompoundEntityRef(entity)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ref],
  );
  if (!value && loading) return <Progress />;
  if (!value && error) return <LoadError error={error} onRetry={retry} />;
  if (!value) return <Progress />;
  if (!value.mapping.mapped) {
    return (
      <NotMappedState
        entityName={entity.metadata.name}
        reason={value.mapping.reason}
      />
    );
  }
  return <ComplianceView entity={entity} view={value} reload={retry} />;
}

/**
 * The Network policy tab: for every cluster and namespace the entity maps
 * to, whether its traffic is isolated, why not, and what to apply.
 *
 * @public
 */
export function EntityNetpolComplianceContent() {
  const { entity } = useEntity();
  if (!isNetpolComplianceAvailable(entity)) {
    return <NotMappedState entityName={entity.metadata.name} />;
  }
  return <EntityCompliance entity={entity} />;
}
