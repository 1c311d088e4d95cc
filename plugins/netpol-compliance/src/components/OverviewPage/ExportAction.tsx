import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { BusyButton } from '../BusyButton';

/** Export CSV, with why the last export failed. */
export function ExportAction(props: {
  exporting: boolean;
  exportError?: Error;
  exportCsv: () => void;
}) {
  const { exporting, exportError, exportCsv } = props;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }} mt={1} mr={1}>
      {exportError && (
        <Typography variant="caption" color="error" role="alert">
          Export failed: {exportError.message}
        </Typography>
      )}
      <BusyButton
        label="Export CSV"
        busyLabel="Exporting…"
        busy={exporting}
        icon={<GetAppIcon />}
        onClick={exportCsv}
      />
    </Box>
  );
}
