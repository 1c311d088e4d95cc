import type { ReactNode } from 'react';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import type { OverviewResponse } from '@netpol/plugin-netpol-compliance-common';
import type { ControlDocumentation, OverviewRequest } from '../../api';
import { NamespacesTable } from './NamespacesTable';
import { OverviewFilters } from './OverviewFilters';

export function matchCount(total: number): string {
  return `${total} ${total === 1 ? 'namespace matches' : 'namespaces match'}`;
}

/**
 * The namespaces the filters match, a page at a time. A failed reload keeps
 * the last page on screen, with the error above it.
 */
export function NamespacesCard(props: {
  response: OverviewResponse;
  request: OverviewRequest;
  controls: ControlDocumentation[];
  loading: boolean;
  error?: Error;
  action: ReactNode;
  onChange: (patch: Partial<OverviewRequest>, resetPage?: boolean) => void;
}) {
  const { response, request, controls, loading, error, onChange } = props;
  return (
    <InfoCard
      title="Namespaces"
      subheader={matchCount(response.total)}
      action={props.action}
    >
      <OverviewFilters
        request={request}
        clusters={response.summary.byCluster.map(c => c.cluster.name)}
        controls={controls}
        onChange={patch => onChange(patch)}
      />
      {error && (
        <Box mt={2}>
          <ResponseErrorPanel
            error={error}
            title="Could not apply the filters"
          />
        </Box>
      )}
      <Box mt={2} overflow="auto" aria-busy={loading}>
        <NamespacesTable
          rows={response.rows}
          total={response.total}
          request={request}
          controls={controls}
          onSort={(sort, order) => onChange({ sort, order })}
          onPage={(offset, limit) => onChange({ offset, limit }, false)}
        />
      </Box>
    </InfoCard>
  );
}
