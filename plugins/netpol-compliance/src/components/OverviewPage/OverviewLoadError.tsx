import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/** The overview could not be loaded at all: the error, and Retry. */
export function OverviewLoadError(props: {
  error: Error;
  onRetry: () => void;
}) {
  return (
    <Box mb={2}>
      <ResponseErrorPanel
        error={props.error}
        title="Could not load the overview"
      />
      <Box mt={1}>
        <Button variant="outlined" onClick={props.onRetry}>
          Retry
        </Button>
      </Box>
    </Box>
  );
}
