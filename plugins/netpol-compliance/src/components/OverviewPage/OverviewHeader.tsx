import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { ScanPermission } from '../ScanPermission';

/** What the page shows, the last rescan's message and Rescan all. */
export function OverviewHeader(props: {
  scanMessage?: string;
  scanningAll: boolean;
  onRescanAll: () => void;
}) {
  const { scanMessage, scanningAll, onRescanAll } = props;
  return (
    <Box
      display="flex"
      justifyContent="space-between"
      alignItems="center"
      mb={2}
      style={{ gap: 16 }}
    >
      <Typography variant="body1">
        Whether every namespace is isolated by network policies, per control.
        Select a count to list those namespaces.
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="caption" role="status">
          {scanMessage}
        </Typography>
        <ScanPermission>
          {canScan =>
            canScan && (
              <Button
                variant="outlined"
                startIcon={<RefreshIcon />}
                disabled={scanningAll}
                onClick={onRescanAll}
              >
                Rescan all
              </Button>
            )
          }
        </ScanPermission>
      </Box>
    </Box>
  );
}
