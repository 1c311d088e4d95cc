import { EmptyState, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { EntityMapping } from '@netpol/plugin-netpol-compliance-common';
import { NamespaceTable } from '../NamespaceTable';
import type { ComplianceSummary } from './summary';

/** Why no namespace was found: by the names asked for, or by the selector. */
export function noNamespacesDescription(mapping: EntityMapping): string {
  return mapping.namespaces?.length
    ? `None of ${mapping.namespaces.join(', ')} exists in the scanned clusters.`
    : `No running workload matches ${
        mapping.labelSelector ?? 'the entity'
      } in the scanned clusters. Check that your pods carry the label, or name the namespace with backstage.io/kubernetes-namespace.`;
}

/**
 * The entity's namespaces. With none, says whether that is because
 * clusters could not be scanned or because nothing matched the mapping.
 */
export function NamespacesCard(props: {
  rows: ComplianceSummary['rows'];
  mapping: EntityMapping;
  anyClusterErrored: boolean;
  runbookUrl?: string;
}) {
  const { rows, mapping, anyClusterErrored, runbookUrl } = props;
  return (
    <InfoCard
      title="Namespaces"
      subheader="One row per namespace this entity runs in. Select Fix or Details for the evidence."
    >
      {rows.length > 0 && (
        <Box overflow="auto">
          <NamespaceTable rows={rows} runbookUrl={runbookUrl} />
        </Box>
      )}
      {rows.length === 0 && anyClusterErrored && (
        <Typography variant="body2">
          No namespace could be read: the clusters above could not be scanned.
          Their results show up here once a scan succeeds.
        </Typography>
      )}
      {rows.length === 0 && !anyClusterErrored && (
        <EmptyState
          missing="data"
          title="No namespaces found for this entity"
          description={noNamespacesDescription(mapping)}
        />
      )}
    </InfoCard>
  );
}
