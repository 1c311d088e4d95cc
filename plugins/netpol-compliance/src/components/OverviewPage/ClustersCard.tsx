import { InfoCard } from '@backstage/core-components';
import type { OverviewResponse } from '@netpol/plugin-netpol-compliance-common';
import { ScanPermission } from '../ScanPermission';
import { ClusterSummary } from './ClusterSummary';
import { FleetFreshnessLine } from './FleetFreshnessLine';

/** The fleet's freshness and each cluster's summary, with Rescan if allowed. */
export function ClustersCard(props: {
  summary: OverviewResponse['summary'];
  scanning: Set<string>;
  onSelect: (cluster: string) => void;
  onRescan: (cluster: string) => void;
}) {
  const { summary, scanning, onSelect, onRescan } = props;
  return (
    <InfoCard title="Clusters">
      <FleetFreshnessLine fleet={summary.fleet} />
      <ScanPermission>
        {canScan => (
          <ClusterSummary
            clusters={summary.byCluster}
            onSelect={onSelect}
            onRescan={canScan ? onRescan : undefined}
            scanning={scanning}
          />
        )}
      </ScanPermission>
    </InfoCard>
  );
}
