import TextField from '@material-ui/core/TextField';
import { fieldId } from './fieldId';

/** A native select with "All" first, which clears the filter. */
export function SelectField(props: {
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, options, onChange } = props;
  const id = fieldId(label);
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
