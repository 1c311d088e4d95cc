import { WarningPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { BusyButton } from '../BusyButton';
import type { useUserTokenScan } from './useUserTokenScan';

/**
 * Offers a scan with the user's own credentials when some clusters can only
 * be read that way, until its result replaces the stored view.
 */
export function UserTokenScanPanel(props: {
  scan: ReturnType<typeof useUserTokenScan>;
}) {
  const { scan } = props;
  if (!scan.needed || scan.result) return null;
  return (
    <Grid item xs={12}>
      <WarningPanel
        severity="info"
        defaultExpanded
        title="Some clusters can only be read with your own credentials"
        message={
          scan.available
            ? 'These clusters sign in with your identity (OIDC, Google or AKS), so background scans cannot read them. Scan them now as you; the result is shown to you only and not stored.'
            : 'These clusters sign in with your identity (OIDC, Google or AKS). Add the Kubernetes frontend plugin to this app so its auth providers can supply your token, then scan them here.'
        }
      >
        {scan.available && (
          <BusyButton
            primary
            label="Scan with my credentials"
            busyLabel="Scanning…"
            busy={scan.scanning}
            onClick={scan.scan}
          />
        )}
        {scan.error && (
          <Typography variant="body2" color="error" role="alert">
            Scan failed: {scan.error.message}
          </Typography>
        )}
      </WarningPanel>
    </Grid>
  );
}
