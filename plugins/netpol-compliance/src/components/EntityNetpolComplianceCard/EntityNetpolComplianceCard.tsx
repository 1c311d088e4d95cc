import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { netpolComplianceApiRef } from '../../api';
import { useEntityPath } from '../../hooks/useEntityPath';
import { isNetpolComplianceAvailable } from '../../utils/isNetpolComplianceAvailable';
import { compareSeverity, shortLabel, worstOf } from '../../utils/status';
import { ControlStatus } from '../ControlStatus';
import { summarize } from '../EntityNetpolComplianceContent/summary';

const MAX_ROWS = 5;

/**
 * A summary card for the entity overview: one line of verdict, the worst
 * namespaces, and a link to the tab.
 *
 * @public
 */
export function EntityNetpolComplianceCard(props: {
  /** Path of the Network policy tab below the entity page. */
  tabPath?: string;
}) {
  const { tabPath = 'netpol-compliance' } = props;
  const { entity } = useEntity();
  const api = useApi(netpolComplianceApiRef);
  const available = isNetpolComplianceAvailable(entity);
  const entityPath = useEntityPath(entity);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    async () =>
      available
        ? api.getEntityCompliance(getCompoundEntityRef(entity))
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ref, available],
  );
  const deepLink = entityPath
    ? {
        title: 'Details and fixes',
        link: `${entityPath.replace(/\/$/, '')}/${tabPath}`,
      }
    : undefined;

  let body;
  if (!available || (value && !value.mapping.mapped)) {
    body = (
      <Typography variant="body2">
        Not mapped to Kubernetes namespaces: add the backstage.io/kubernetes-id
        annotation to check its network policies.
      </Typography>
    );
  } else if (loading) {
    body = <Progress />;
  } else if (error || !value) {
    body = (
      <WarningPanel
        title="Could not load network policy compliance"
        message={error?.message}
      />
    );
  } else {
    const summary = summarize(value);
    const rows = [...summary.rows]
      .map(row => ({ row, status: worstOf(row.report.results) }))
      .sort((a, b) => compareSeverity(a.status, b.status));
    body = (
      <>
        <Typography variant="h6" component="p">
          <ControlStatus status={summary.status} label={summary.headline} />
        </Typography>
        {summary.detail && (
          <Typography variant="body2">{summary.detail}</Typography>
        )}
        <Box component="ul" pl={0} mt={1} style={{ listStyle: 'none' }}>
          {rows.slice(0, MAX_ROWS).map(({ row, status }) => {
            const failing = row.report.results
              .filter(r => r.status === status && status !== 'pass')
              .map(r => shortLabel(r.control));
            return (
              <li key={`${row.cluster}/${row.report.namespace}`}>
                <ControlStatus
                  status={status}
                  label={`${row.report.namespace} on ${
                    row.clusterTitle ?? row.cluster
                  }${failing.length ? `: ${failing.join(', ')}` : ''}`}
                />
              </li>
            );
          })}
        </Box>
        {rows.length > MAX_ROWS && (
          <Typography variant="body2" color="textSecondary">
            and {rows.length - MAX_ROWS} more
          </Typography>
        )}
      </>
    );
  }
  return (
    <InfoCard title="Network policy" deepLink={deepLink}>
      {body}
    </InfoCard>
  );
}
