import Typography from '@material-ui/core/Typography';
import {
  getControl,
  NamespaceReport,
} from '@netpol/plugin-netpol-compliance-common';
import { ControlStatus } from '../ControlStatus';
import { ResultEvidence } from '../Evidence';
import { FixLinks } from '../FixLinks';
import { needsAction, shortLabel } from '../../utils/status';
import { useDetailsStyles } from './detailsStyles';
import { UNKNOWN_HINT } from './hints';

/**
 * One control's outcome with its reason and evidence; an unknown says what
 * to check, and one that needs action links to how to fix it.
 */
export function Finding(props: {
  result: NamespaceReport['results'][number];
  runbookUrl?: string;
}) {
  const { result, runbookUrl } = props;
  const classes = useDetailsStyles();
  const control = getControl(result.control);
  return (
    <div className={classes.finding}>
      <ControlStatus status={result.status} />
      <div>
        <Typography variant="body2">
          <strong>
            {result.control} {control?.title ?? shortLabel(result.control)}
          </strong>
          : {result.reason}
        </Typography>
        <ResultEvidence evidence={result.evidence} />
        {result.status === 'unknown' && (
          <Typography variant="body2" color="textSecondary">
            {UNKNOWN_HINT}
          </Typography>
        )}
        {needsAction(result.status) && (
          <FixLinks control={result.control} runbookUrl={runbookUrl} />
        )}
      </div>
    </div>
  );
}
