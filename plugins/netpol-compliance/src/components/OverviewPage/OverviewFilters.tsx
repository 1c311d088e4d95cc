import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import type { ControlDocumentation, OverviewRequest } from '../../api';
import { STATUS_LABELS, STATUSES, shortLabel } from '../../utils/status';

/** A text field that reports its value once typing pauses. */
function DebouncedField(props: {
  label: string;
  value: string | undefined;
  placeholder?: string;
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, placeholder, onChange } = props;
  const id = `netpol-filter-${label.toLowerCase().replace(/\W+/g, '-')}`;
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useDebounce(
    () => {
      const next = text.trim() || undefined;
      if (next !== (value || undefined)) onChange(next);
    },
    400,
    [text],
  );
  return (
    <TextField
      id={id}
      label={label}
      value={text}
      placeholder={placeholder}
      variant="outlined"
      size="small"
      onChange={e => setText(e.target.value)}
      onKeyDown={e => {
        if (e.key === 'Enter') onChange(text.trim() || undefined);
      }}
    />
  );
}

function SelectField(props: {
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, options, onChange } = props;
  const id = `netpol-filter-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <TextField
      select
      id={id}
      label={label}
      value={value ?? ''}
      variant="outlined"
      size="small"
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      onChange={e => onChange(e.target.value || undefined)}
      style={{ minWidth: 160 }}
    >
      <option value="">All</option>
      {options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/** Server-side filters of the overview. */
export function OverviewFilters(props: {
  request: OverviewRequest;
  clusters: string[];
  controls: ControlDocumentation[];
  onChange: (patch: Partial<OverviewRequest>) => void;
}) {
  const { request, clusters, controls, onChange } = props;
  const clusterOptions = [
    ...new Set([...clusters, ...(request.cluster ? [request.cluster] : [])]),
  ];
  const anyFilter =
    request.cluster ||
    request.control ||
    request.status ||
    request.owner ||
    request.q;
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
        options={clusterOptions.map(c => ({ value: c, label: c }))}
        onChange={cluster => onChange({ cluster })}
      />
      <SelectField
        label="Control"
        value={request.control}
        options={controls.map(c => ({
          value: c.id,
          label: `${c.id} ${shortLabel(c.id)}`,
        }))}
        onChange={control => onChange({ control })}
      />
      <SelectField
        label="Status"
        value={request.status}
        options={STATUSES.map(s => ({ value: s, label: STATUS_LABELS[s] }))}
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
      {anyFilter && (
        <Button
          onClick={() =>
            onChange({
              cluster: undefined,
              control: undefined,
              status: undefined,
              owner: undefined,
              q: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </Box>
  );
}
