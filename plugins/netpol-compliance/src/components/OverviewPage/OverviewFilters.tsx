import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import type { ControlDocumentation, OverviewRequest } from '../../api';
import { DebouncedField } from './DebouncedField';
import {
  clusterOptions,
  controlOptions,
  hasFilter,
  NO_FILTERS,
  STATUS_OPTIONS,
} from './filterOptions';
import { SelectField } from './SelectField';

/** Server-side filters of the overview. */
export function OverviewFilters(props: {
  request: OverviewRequest;
  clusters: string[];
  controls: ControlDocumentation[];
  onChange: (patch: Partial<OverviewRequest>) => void;
}) {
  const { request, clusters, controls, onChange } = props;
  return (
    <Box
      component="form"
      role="search"
      aria-label="Filter namespaces"
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 12 }}
      onSubmit={e => e.preventDefault()}
    >
      <SelectField
        label="Cluster"
        value={request.cluster}
        options={clusterOptions(clusters, request.cluster)}
        onChange={cluster => onChange({ cluster })}
      />
      <SelectField
        label="Control"
        value={request.control}
        options={controlOptions(controls)}
        onChange={control => onChange({ control })}
      />
      <SelectField
        label="Status"
        value={request.status}
        options={STATUS_OPTIONS}
        onChange={status => onChange({ status })}
      />
      <DebouncedField
        label="Owner"
        placeholder="group:default/team-a or none"
        value={request.owner}
        onChange={owner => onChange({ owner })}
      />
      <DebouncedField
        label="Search"
        placeholder="cluster, namespace or owner"
        value={request.q}
        onChange={q => onChange({ q })}
      />
      {hasFilter(request) && (
        <Button onClick={() => onChange(NO_FILTERS)}>Clear filters</Button>
      )}
    </Box>
  );
}
