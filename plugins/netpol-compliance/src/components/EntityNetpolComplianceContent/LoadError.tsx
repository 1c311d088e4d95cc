import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';

/**
 * The entity's compliance could not be loaded. A 403 or 404 is explained in
 * the user's terms; anything else shows the error and where to look.
 */
export function LoadError(props: { error: Error; onRetry: () => void }) {
  const { error, onRetry } = props;
  const retry = (
    <Button variant="outlined" startIcon={<RefreshIcon />} onClick={onRetry}>
      Retry
    </Button>
  );
  if (error instanceof ResponseError && error.statusCode === 403) {
    return (
      <WarningPanel
        severity="info"
        defaultExpanded
        title="You may not see Kubernetes data for this entity"
        message={`This tab shows the entity's namespaces, workloads and policies, which needs the Kubernetes plugin's read permissions. Ask your Backstage administrators for them. (${error.body.error.message})`}
      />
    );
  }
  if (error instanceof ResponseError && error.statusCode === 404) {
    return (
      <>
        <WarningPanel
          severity="info"
          defaultExpanded
          title="No network policy data for this entity"
          message="The netpol-compliance backend did not find this entity, or you are not allowed to see it. If it was registered a moment ago, wait for the catalog to process it and retry."
        />
        <Box mt={2}>{retry}</Box>
      </>
    );
  }
  return (
    <>
      <ResponseErrorPanel
        error={error}
        title="Could not load network policy compliance"
      />
      <Box mt={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        {retry}
        <Typography variant="body2" color="textSecondary">
          If this persists, check that the netpol-compliance backend plugin is
          installed and running.
        </Typography>
      </Box>
    </>
  );
}
