import { useEffect, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import { fieldId } from './fieldId';

/** A text field that reports its value once typing pauses. */
export function DebouncedField(props: {
  label: string;
  value: string | undefined;
  placeholder?: string;
  onChange: (value: string | undefined) => void;
}) {
  const { label, value, placeholder, onChange } = props;
  const id = fieldId(label);
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
