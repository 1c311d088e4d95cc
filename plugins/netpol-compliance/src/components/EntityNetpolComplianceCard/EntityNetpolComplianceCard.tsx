import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useEntityPath } from '../../hooks/useEntityPath';
import { CardSummary } from './CardSummary';
import { useMappedEntityCompliance } from './useMappedEntityCompliance';
import { deepLinkTo } from './worstNamespaces';

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
  const { available, value, loading, error } =
    useMappedEntityCompliance(entity);
  const entityPath = useEntityPath(entity);

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
    body = <CardSummary view={value} />;
  }
  return (
    <InfoCard title="Network policy" deepLink={deepLinkTo(entityPath, tabPath)}>
      {body}
    </InfoCard>
  );
}
