import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { BusyButton } from '../BusyButton';
import type { RescanState } from './useRescan';

/** Rescan, with what the requested scan is doing (or why it failed). */
export function RescanButton(props: {
  state: RescanState;
  onClick: () => void;
}) {
  const { state, onClick } = props;
  const busy = state.requesting || !!state.requestedAt;
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      <BusyButton
        label="Rescan"
        busyLabel="Scanning…"
        busy={busy}
        icon={<RefreshIcon />}
        onClick={onClick}
      />
      <Typography variant="caption" role="status" color="textSecondary">
        {state.requestedAt &&
          'Scan requested; this page updates when it finishes.'}
        {state.finished && 'Scan finished; results updated.'}
      </Typography>
      {state.error && (
        <Typography variant="caption" color="error" role="alert">
          Rescan failed: {state.error.message}
        </Typography>
      )}
    </Box>
  );
}
