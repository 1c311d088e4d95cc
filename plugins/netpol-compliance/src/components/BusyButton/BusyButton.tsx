import type { ReactNode } from 'react';
import Button from '@material-ui/core/Button';

/**
 * An outlined action button that says what it is doing while it runs
 * (`Rescan` / `Scanning…`, `Export CSV` / `Exporting…`) and cannot be
 * pressed twice meanwhile.
 */
export function BusyButton(props: {
  label: string;
  busyLabel: string;
  busy: boolean;
  icon?: ReactNode;
  onClick: () => void;
}) {
  const { label, busyLabel, busy, icon, onClick } = props;
  return (
    <Button
      variant="outlined"
      startIcon={icon}
      disabled={busy}
      onClick={onClick}
    >
      {busy ? busyLabel : label}
    </Button>
  );
}
