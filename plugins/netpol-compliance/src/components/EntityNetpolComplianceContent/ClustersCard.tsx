import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { EntityClusterView } from '@netpol/plugin-netpol-compliance-common';
import { ClustersTable } from '../ClustersTable';
import { ScanPermission } from '../ScanPermission';

/** The entity's clusters and whether each enforces network policies. */
export function ClustersCard(props: {
  clusters: EntityClusterView[];
  runbookUrl?: string;
}) {
  const { clusters, runbookUrl } = props;
  return (
    <InfoCard
      title="Clusters"
      subheader="Policies only work where the cluster enforces them."
    >
      {clusters.length ? (
        <ClustersTable clusters={clusters} runbookUrl={runbookUrl} />
      ) : (
        <Typography variant="body2">
          No cluster has been scanned yet.
          <ScanPermission>
            {canScan => canScan && ' Rescan to scan now.'}
          </ScanPermission>
        </Typography>
      )}
    </InfoCard>
  );
}
