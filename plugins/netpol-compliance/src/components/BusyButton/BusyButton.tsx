import type { ReactNode } from 'react';
import Button from '@material-ui/core/Button';

/**
 * An action button that says what it is doing while it runs
 * (`Rescan` / `Scanning…`, `Export CSV` / `Exporting…`) and cannot be
 * pressed twice meanwhile. Outlined, or `primary` for the one action a
 * panel asks for.
 */
export function BusyButton(props: {
  label: string;
  busyLabel: string;
  busy: boolean;
  icon?: ReactNode;
  primary?: boolean;
  onClick: () => void;
}) {
  const { label, busyLabel, busy, icon, primary, onClick } = props;
  return (
    <Button
      variant={primary ? 'contained' : 'outlined'}
      color={primary ? 'primary' : 'default'}
      startIcon={icon}
      disabled={busy}
      onClick={onClick}
    >
      {busy ? busyLabel : label}
    </Button>
  );
}
